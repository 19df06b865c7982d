// `runLayerTest(spec)`: registers one describe block per layer case with one `it` per check
// (DESIGN §10). Checks that do not apply are registered as skipped, with the reason in the title.
import { describe, it } from 'vitest';
import { checkConfigRoundTrip } from './checks/config-round-trip.js';
import { checkExpectedOutput } from './checks/expected-output.js';
import { checkGradients } from './checks/gradient-check.js';
import { checkNoLeaks } from './checks/leaks.js';
import { checkSaveLoad } from './checks/save-load.js';
import { checkShapeInference } from './checks/shape-inference.js';
import { checkTrainStep } from './checks/train-step.js';
import { checkWeights } from './checks/weights.js';
import { seededRandom, withMathRandom } from './random.js';
import { skipReason, type CheckName, type LayerTestSpec } from './spec.js';

type Check = { name: CheckName; title: string; run: (spec: LayerTestSpec) => void | Promise<void> };

export const LAYER_CHECKS: readonly Check[] = [
  { name: 'shapes', title: 'symbolic, eager and computeOutputShape shapes agree', run: checkShapeInference },
  { name: 'weights', title: 'builds the expected weights', run: checkWeights },
  { name: 'expectedOutput', title: 'matches the hand-computed output', run: checkExpectedOutput },
  { name: 'config', title: 'config round trip gives the same config and outputs', run: checkConfigRoundTrip },
  { name: 'saveLoad', title: 'save/load round trip gives identical predictions', run: checkSaveLoad },
  { name: 'gradients', title: 'autodiff gradients match finite differences', run: checkGradients },
  { name: 'trainStep', title: 'one SGD step lowers the loss', run: checkTrainStep },
  { name: 'leaks', title: 'leaks no tensors', run: checkNoLeaks },
];

export function runLayerTest(spec: LayerTestSpec): void {
  describe(spec.name, () => {
    for (const check of LAYER_CHECKS) {
      const reason = skipReason(spec, check.name);
      if (reason) it.skip(`${check.title} (skipped: ${reason})`, () => {});
      // Math.random seeded per check: weight initializers and masks are the same on every run,
      // so a failure reproduces.
      else it(check.title, () => withMathRandom(seededRandom(spec.seed ?? 1), () => check.run(spec)));
    }
  });
}
