import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import {
  LayerTestFailure,
  checkConfigRoundTrip,
  checkExpectedOutput,
  checkGradients,
  checkNoLeaks,
  checkSaveLoad,
  checkShapeInference,
  checkTrainStep,
  checkWeights,
  runLayerTest,
  skipReason,
  type LayerTestSpec,
} from '@strata/testing';
import {
  BatchBakingScale,
  DetachedScale,
  ForgetfulScale,
  LeakyScale,
  Scale,
  WrongGradScale,
  WrongShapeScale,
} from './fixtures.js';

const base = {
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  expectedWeightShapes: [[3]],
};

function spec(name: string, make: () => st.Layer, extra: Partial<LayerTestSpec> = {}): LayerTestSpec {
  return { name, make, ...base, ...extra };
}

// A correct layer passes every check, including the hand-computed one:
// x * [2, -1, 0.5] + 1 for x = [[1, 2, 3], [-1, 0, 4]].
runLayerTest(
  spec('Scale (correct fixture)', () => new Scale({ offset: 1 }), {
    expectedOutput: {
      input: [[1, 2, 3], [-1, 0, 4]],
      weights: [[2, -1, 0.5]],
      output: [[3, -1, 2.5], [-1, 1, 3]],
    },
  }),
);

describe('the harness catches broken layers', () => {
  it('a computeOutputShape that disagrees with the eager output', () => {
    expect(() => checkShapeInference(spec('wrong shape', () => new WrongShapeScale()))).toThrow(/symbolic apply: expected shape \[null, 3\], found \[null, 4\]/);
  });

  it('a layer that bakes the first batch size in', () => {
    expect(() => checkShapeInference(spec('batch baking', () => new BatchBakingScale()))).toThrow(/batch size 3/);
  });

  it('wrong expected weight shapes, and weights created in the constructor', () => {
    expect(() => checkWeights(spec('scale', () => new Scale(), { expectedWeightShapes: [[4]] }))).toThrow(/weight shapes/);
    expect(() => checkWeights(spec('scale', () => new Scale(), { expectedWeightShapes: undefined }))).toThrow(/weight shapes/);
    const eager = () => {
      const layer = new Scale();
      layer.build([null, 3]);
      return layer;
    };
    expect(() => checkWeights(spec('eager weights', eager))).toThrow(/weights belong in build/);
  });

  it('a config that loses a field (config round trip and save/load)', async () => {
    const forgetful = spec('forgetful', () => new ForgetfulScale({ offset: 2 }));
    expect(() => checkConfigRoundTrip(forgetful)).toThrow(/outputs of the rebuilt layer/);
    await expect(checkSaveLoad(forgetful)).rejects.toThrow(/predictions after save\/load/);
    // The same layer with a config that keeps the field passes both.
    const correct = spec('correct', () => new Scale({ offset: 2 }));
    checkConfigRoundTrip(correct);
    await checkSaveLoad(correct);
  });

  it('a wrong custom gradient', () => {
    expect(() => checkGradients(spec('wrong grad', () => new WrongGradScale()))).toThrow(/gradient w.r.t. the input/);
  });

  it('a weight that no gradient reaches (gradient check and training step)', async () => {
    const detached = spec('detached', () => new DetachedScale());
    expect(() => checkGradients(detached)).toThrow(/gradient w.r.t. weight '.*\/w'/);
    await expect(checkTrainStep(detached)).rejects.toThrow(/no trainable weight of the layer changed/);
  });

  it('a learning rate that makes the loss go up', async () => {
    await expect(checkTrainStep(spec('huge lr', () => new Scale(), { learningRate: 50 }))).rejects.toThrow(/did not lower the loss|finite/);
  });

  it('a layer that keeps a tensor per call', async () => {
    const leaky = spec('leaky', () => new LeakyScale());
    await expect(checkNoLeaks(leaky)).rejects.toThrow(/leaky: apply\(training=false\): leaked 1 tensor/);
  });

  it('hand-computed values that do not match', () => {
    const wrong = spec('scale', () => new Scale(), {
      expectedOutput: { input: [1, 2, 3, 4, 5, 6], weights: [[1, 1, 1]], output: [1, 2, 3, 4, 5, 7] },
    });
    expect(() => checkExpectedOutput(wrong)).toThrow(LayerTestFailure);
    expect(() => checkExpectedOutput(wrong)).toThrow(/index 5: found 6, expected 7/);
  });
});

describe('skipReason', () => {
  it('skips model checks for non-sequential layers and names explicit reasons', () => {
    const s = spec('x', () => new Scale(), { sequential: false, skip: { gradients: 'integer input' } });
    expect(skipReason(s, 'saveLoad')).toMatch(/Sequential/);
    expect(skipReason(s, 'trainStep')).toMatch(/Sequential/);
    expect(skipReason(s, 'gradients')).toBe('integer input');
    expect(skipReason(s, 'shapes')).toBeNull();
    expect(skipReason(s, 'expectedOutput')).toMatch(/no hand-computed/);
  });
});
