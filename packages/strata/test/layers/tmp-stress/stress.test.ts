import { it } from 'vitest';
import * as st from 'strata';
import { checkGradients, checkTrainStep, seededRandom, withMathRandom, type LayerTestSpec } from '@strata/testing';

it('stress gradient + train step over seeds', async () => {
  const failures: string[] = [];
  const acts = ['relu', 'gelu', 'softmax', 'elu', 'sigmoid', 'swish', 'leaky_relu', 'relu6', 'softplus', 'exponential', 'selu', 'hard_sigmoid'];
  for (let seed = 1; seed <= 40; seed++) {
    for (const activation of acts) {
      const spec: LayerTestSpec = { name: `dense ${activation} seed ${seed}`, make: () => st.layers.dense({ units: 3, activation }), inputShape: [2, 4], expectedOutputShape: [2, 3], seed };
      try {
        await withMathRandom(seededRandom(seed), () => checkGradients(spec));
        await withMathRandom(seededRandom(seed), () => checkTrainStep(spec));
      } catch (e) { failures.push((e as Error).message); }
    }
  }
  console.log(failures.length, failures.slice(0, 10).join('\n'));
}, 600_000);
