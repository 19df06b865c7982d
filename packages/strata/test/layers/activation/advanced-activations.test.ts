// The advanced activations as layers: every harness check, hand-computed values from the Keras
// formulas, forward parity with tfjs-layers 4.22, and construction errors.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, randomValues, runLayerTest, valuesOf } from '@strata/testing';
import { strataLoadsTfjs, tfjsLoadsStrata } from '../merging/tfjs-interop.js';

const { tf } = st;

// Inputs on both sides of 0 and of the thresholds used below, none within 0.05 of a kink.
const X = [-2.5, -1.2, -0.3, 0.2, 0.7, 1.3, 2.6, 4.1];

// Keras 3 relu(x, negative_slope, max_value, threshold), worked from its documented formula.
function kerasRelu(x: number, { maxValue = null as number | null, slope = 0, threshold = 0 } = {}): number {
  if (slope !== 0 && maxValue === null && threshold === 0) return x >= 0 ? x : slope * x;
  let y = x > threshold ? x : 0;
  if (maxValue !== null) y = Math.min(Math.max(y, 0), maxValue);
  return y - slope * Math.max(threshold - x, 0);
}
const elu = (x: number, alpha: number) => (x > 0 ? x : alpha * (Math.exp(x) - 1));

runLayerTest({
  name: 'reLU default',
  make: () => st.layers.reLU(),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => kerasRelu(v)) },
});

runLayerTest({
  name: 'reLU maxValue 2, negativeSlope 0.1, threshold 0.5',
  make: () => st.layers.reLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  seed: 3,
  expectedOutput: { input: X, output: X.map((v) => kerasRelu(v, { maxValue: 2, slope: 0.1, threshold: 0.5 })) },
});

runLayerTest({
  name: 'reLU negativeSlope only (leaky)',
  make: () => st.layers.reLU({ negativeSlope: 0.2 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => kerasRelu(v, { slope: 0.2 })) },
});

runLayerTest({
  name: 'leakyReLU default slope 0.3',
  make: () => st.layers.leakyReLU(),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => (v >= 0 ? v : 0.3 * v)) },
});

runLayerTest({
  name: 'leakyReLU negativeSlope 0.05',
  make: () => st.layers.leakyReLU({ negativeSlope: 0.05 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => (v >= 0 ? v : 0.05 * v)) },
});

runLayerTest({
  name: 'pReLU per-entry alpha',
  make: () => st.layers.pReLU(),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedWeightShapes: [[4]],
  expectedOutput: {
    input: X,
    weights: [[0.1, 0.5, -0.2, 2]],
    output: X.map((v, i) => (v >= 0 ? v : [0.1, 0.5, -0.2, 2][i % 4] * v)),
  },
});

runLayerTest({
  name: 'pReLU sharedAxes [1, 2] (one alpha per channel)',
  make: () => st.layers.pReLU({ sharedAxes: [1, 2], alphaInitializer: 'ones' }),
  inputShape: [2, 2, 2, 3],
  expectedOutputShape: [2, 2, 2, 3],
  expectedWeightShapes: [[1, 1, 3]],
  expectedOutput: {
    input: [...X, ...X, ...X],
    weights: [[0.25, 1.5, 3]],
    output: [...X, ...X, ...X].map((v, i) => (v >= 0 ? v : [0.25, 1.5, 3][i % 3] * v)),
  },
});

runLayerTest({
  name: 'eLU default alpha 1',
  make: () => st.layers.eLU(),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => elu(v, 1)) },
});

runLayerTest({
  name: 'eLU alpha 0.5',
  make: () => st.layers.eLU({ alpha: 0.5 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: X.map((v) => elu(v, 0.5)) },
});

runLayerTest({
  name: 'thresholdedReLU theta 0.5',
  make: () => st.layers.thresholdedReLU({ theta: 0.5 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  seed: 3,
  expectedOutput: { input: X, output: X.map((v) => (v > 0.5 ? v : 0)) },
});

const softmaxOf = (row: number[]) => {
  const e = row.map((v) => Math.exp(v - Math.max(...row)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

runLayerTest({
  name: 'softmax last axis',
  make: () => st.layers.softmax(),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  expectedOutput: { input: X, output: [...softmaxOf(X.slice(0, 4)), ...softmaxOf(X.slice(4))] },
});

runLayerTest({
  name: 'softmax axis 1 of [2, 2, 2]',
  make: () => st.layers.softmax({ axis: 1 }),
  inputShape: [2, 2, 2],
  expectedOutputShape: [2, 2, 2],
  // x[b][i][j]: normalize over i for each (b, j). Flat index = 4b + 2i + j.
  expectedOutput: {
    input: X,
    output: X.map((_, n) => {
      const b = Math.floor(n / 4);
      const j = n % 2;
      const pair = [X[4 * b + j], X[4 * b + 2 + j]];
      return softmaxOf(pair)[Math.floor((n % 4) / 2)];
    }),
  },
});

runLayerTest({
  name: 'softmax over axes [1, 2] jointly',
  make: () => st.layers.softmax({ axis: [1, 2] }),
  inputShape: [2, 2, 2],
  expectedOutputShape: [2, 2, 2],
  expectedOutput: { input: X, output: [...softmaxOf(X.slice(0, 4)), ...softmaxOf(X.slice(4))] },
});

describe('advanced activations: masks', () => {
  it('softmax gives masked logits no weight when the mask has the input rank', () => {
    const layer = st.layers.softmax();
    const x = tf.tensor2d([[1, 2, 3]]);
    const mask = tf.tensor2d([[1, 0, 1]], [1, 3], 'bool');
    const y = layer.apply(x, { mask });
    const kept = softmaxOf([1, 3]);
    assertAllClose(valuesOf(y), [kept[0], 0, kept[1]], 'masked softmax', { atol: 1e-6 });
    tf.dispose([x, mask, y]);
  });

  it('the layers pass an incoming mask on', () => {
    const mask = tf.tensor2d([[1, 0]], [1, 2], 'bool');
    const x = tf.zeros([1, 2, 3]);
    for (const layer of [st.layers.reLU(), st.layers.leakyReLU(), st.layers.eLU(), st.layers.thresholdedReLU(), st.layers.softmax()]) {
      expect(layer.computeMask(x, mask), layer.getClassName()).toBe(mask);
    }
    tf.dispose([x, mask]);
  });
});

describe('advanced activations: parity with tfjs-layers 4.22', () => {
  const input = () => tf.tensor(randomValues(2 * 3 * 4, 11, [-3, 3]), [2, 3, 4]);
  const cases: Array<[string, () => st.Layer, () => tfl.layers.Layer]> = [
    ['ReLU', () => st.layers.reLU(), () => tfl.layers.reLU()],
    ['ReLU maxValue', () => st.layers.reLU({ maxValue: 1.5 }), () => tfl.layers.reLU({ maxValue: 1.5 })],
    ['LeakyReLU', () => st.layers.leakyReLU({ alpha: 0.1 }), () => tfl.layers.leakyReLU({ alpha: 0.1 })],
    ['ELU', () => st.layers.eLU(), () => tfl.layers.elu()],
    ['ThresholdedReLU', () => st.layers.thresholdedReLU({ theta: 0.7 }), () => tfl.layers.thresholdedReLU({ theta: 0.7 })],
    ['Softmax', () => st.layers.softmax(), () => tfl.layers.softmax({ axis: -1 })],
    ['PReLU', () => st.layers.pReLU({ sharedAxes: 1, alphaInitializer: st.initializers.constant({ value: 0.3 }) }), () => tfl.layers.prelu({ sharedAxes: 1, alphaInitializer: tfl.initializers.constant({ value: 0.3 }) })],
  ];
  for (const [name, ours, theirs] of cases) {
    it(`${name} agrees to 1e-4 relative`, () => {
      const x = input();
      const a = ours().apply(x) as st.Tensor;
      const b = theirs().apply(x) as st.Tensor;
      assertAllClose(valuesOf(a), valuesOf(b), name, { atol: 1e-6, rtol: 1e-4 });
      tf.dispose([x, a, b]);
    });
  }

  it('a model of every advanced activation saved by Strata loads in tfjs-layers, and back', async () => {
    const ours = st.sequential({
      layers: [
        st.layers.dense({ units: 6, inputShape: [4] }),
        st.layers.reLU({ maxValue: 0.8 }),
        st.layers.dense({ units: 6 }),
        st.layers.leakyReLU({ negativeSlope: 0.15 }),
        st.layers.pReLU({ alphaInitializer: st.initializers.constant({ value: 0.2 }) }),
        st.layers.eLU(),
        st.layers.thresholdedReLU({ theta: 0.05 }),
        st.layers.softmax(),
      ],
    });
    const x = tf.tensor(randomValues(5 * 4, 5, [-2, 2]), [5, 4]);
    const names = await tfjsLoadsStrata(ours, x);
    expect(names).toEqual(['Dense', 'ReLU', 'Dense', 'LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU', 'Softmax']);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 6, inputShape: [4] }),
        tfl.layers.leakyReLU({ alpha: 0.15 }),
        tfl.layers.prelu({ alphaInitializer: tfl.initializers.constant({ value: -0.3 }) }),
        tfl.layers.softmax({ axis: -1 }),
      ],
    });
    expect(await strataLoadsTfjs(theirs, x)).toEqual(['Dense', 'LeakyReLU', 'PReLU', 'Softmax']);
    x.dispose();
    ours.dispose();
    theirs.dispose();
  });
});

describe('advanced activations: construction errors name the argument', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['ReLU maxValue < 0', () => st.layers.reLU({ maxValue: -1 }), /maxValue must be a number >= 0 or null, found -1/],
    ['ReLU negativeSlope < 0', () => st.layers.reLU({ negativeSlope: -0.1 }), /negativeSlope must be a number >= 0, found -0.1/],
    ['ReLU threshold < 0', () => st.layers.reLU({ threshold: -2 }), /threshold must be a number >= 0, found -2/],
    ['LeakyReLU slope < 0', () => st.layers.leakyReLU({ alpha: -1 }), /negativeSlope \(alpha\) must be a number >= 0, found -1/],
    ['LeakyReLU alpha and negativeSlope differ', () => st.layers.leakyReLU({ alpha: 0.1, negativeSlope: 0.2 }), /alpha \(0.1\) and negativeSlope \(0.2\)/],
    ['ELU alpha NaN', () => st.layers.eLU({ alpha: Number.NaN }), /alpha must be a finite number/],
    ['ThresholdedReLU theta < 0', () => st.layers.thresholdedReLU({ theta: -1 }), /theta must be a number >= 0, found -1/],
    ['Softmax axis 1.5', () => st.layers.softmax({ axis: 1.5 }), /axis must be an integer or a non-empty list of integers, found 1.5/],
    ['PReLU sharedAxes 0', () => st.layers.pReLU({ sharedAxes: [0] }), /sharedAxes must be positive axis indices/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      expect(make).toThrow(st.ValueError);
      expect(make).toThrow(message);
    });
  }

  it('PReLU needs known sizes on unshared axes, and checks them on later calls', () => {
    const layer = st.layers.pReLU();
    expect(() => layer.apply(st.input({ shape: [null, 3] }))).toThrow(/unshared non-batch axis must have a known size/);
    const ok = st.layers.pReLU();
    const x = tf.zeros([2, 3]);
    ok.apply(x).dispose();
    const wrong = tf.zeros([2, 4]);
    expect(() => ok.apply(wrong)).toThrow(/expected axis 1 to have size 3, found 4/);
    tf.dispose([x, wrong]);
    ok.dispose();
  });

  it('Softmax rejects an axis outside the input', () => {
    const x = tf.zeros([2, 3]);
    expect(() => st.layers.softmax({ axis: 2 }).apply(x)).toThrow(/axis 2 is out of range for an input of rank 2/);
    x.dispose();
  });
});
