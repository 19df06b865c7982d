import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { affine, elementwise, mapMatrix, softmaxRows, type Matrix } from './reference.js';

const { tf } = st;

// Hand-picked values for the hand-computed cases.
const X: Matrix = [
  [1, 2, -1],
  [0.5, -2, 3],
];
const W: Matrix = [
  [0.1, -0.2],
  [0.3, 0.4],
  [-0.5, 0.6],
];
const B = [0.01, -0.02];
const Z = affine(X, W, B); // x·W + b, worked in JS

// --- every check of the shared harness, several activations ---------------------------------

for (const activation of ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'gelu', 'swish'] as const) {
  runLayerTest({
    name: `dense ${activation}`,
    make: () => st.layers.dense({ units: 3, activation }),
    inputShape: [2, 4],
    expectedOutputShape: [2, 3],
    expectedWeightShapes: [[4, 3], [3]],
  });
}

runLayerTest({
  name: 'dense without bias',
  make: () => st.layers.dense({ units: 2, useBias: false }),
  inputShape: [3, 4],
  expectedOutputShape: [3, 2],
  expectedWeightShapes: [[4, 2]],
  expectedOutput: {
    input: [[1, 0, 0, 0], [0, 2, 0, 0], [1, 1, 1, 1]],
    weights: [[[1, 2], [3, 4], [5, 6], [7, 8]]],
    // rows of W picked out by one-hot rows; the last row is the column sums.
    output: [[1, 2], [6, 8], [16, 20]],
  },
});

runLayerTest({
  name: 'dense on a rank-3 input (last axis contracted)',
  make: () => st.layers.dense({ units: 2, activation: 'relu' }),
  inputShape: [2, 2, 3],
  expectedOutputShape: [2, 2, 2],
  expectedWeightShapes: [[3, 2], [2]],
  // The same two rows as X, once per leading index, with the second sample negated.
  expectedOutput: {
    input: [X, mapMatrix(X, (v) => -v)],
    weights: [W, B],
    output: [mapMatrix(Z, elementwise.relu), mapMatrix(affine(mapMatrix(X, (v) => -v), W, B), elementwise.relu)],
  },
});

runLayerTest({
  name: 'dense linear, hand-computed x·W+b',
  make: () => st.layers.dense({ units: 2 }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[3, 2], [2]],
  expectedOutput: { input: X, weights: [W, B], output: Z },
});

runLayerTest({
  name: 'dense with its own inputShape',
  make: () => st.layers.dense({ units: 2, inputShape: [3], activation: 'tanh' }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[3, 2], [2]],
  expectedOutput: { input: X, weights: [W, B], output: mapMatrix(Z, elementwise.tanh) },
});

runLayerTest({
  name: 'dense frozen (trainable: false)',
  make: () => st.layers.dense({ units: 3, trainable: false }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 3],
  expectedWeightShapes: [[4, 3], [3]],
  expectedTrainableWeights: 0,
});

// --- forward values for each activation -------------------------------------------------

describe('Dense forward values', () => {
  const cases: Array<[string, Matrix]> = [
    ['relu', mapMatrix(Z, elementwise.relu)],
    ['sigmoid', mapMatrix(Z, elementwise.sigmoid)],
    ['tanh', mapMatrix(Z, elementwise.tanh)],
    ['elu', mapMatrix(Z, elementwise.elu)],
    ['softplus', mapMatrix(Z, elementwise.softplus)],
    ['leaky_relu', mapMatrix(Z, elementwise.leakyRelu)],
    ['softmax', softmaxRows(Z)],
  ];
  for (const [activation, expected] of cases) {
    it(`activation '${activation}' is applied to x·W+b`, () => {
      const layer = st.layers.dense({ units: 2, activation });
      const x = tf.tensor2d(X);
      layer.apply(x).dispose(); // build
      const weights = [tf.tensor2d(W), tf.tensor1d(B)];
      layer.setWeights(weights);
      const y = layer.apply(x);
      const got = y.arraySync() as Matrix;
      got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
      tf.dispose([x, y, ...weights]);
      layer.dispose();
    });
  }

  it('kernel has shape [in, units] and multiplies from the right (Keras layout)', () => {
    // A non-square kernel with distinct columns: x = [1, 0, 0] picks row 0 of the kernel.
    const layer = st.layers.dense({ units: 2, kernelInitializer: 'ones', biasInitializer: 'zeros' });
    const x = tf.tensor2d([[1, 0, 0]]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    const kernel = tf.tensor2d(W);
    layer.setWeights([kernel, tf.zeros([2])]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([Math.fround(W[0][0]), Math.fround(W[0][1])]);
    tf.dispose([x, y, kernel]);
    layer.dispose();
  });
});

// --- construction and input errors ---------------------------------------------------------

describe('Dense errors', () => {
  it('rejects units that are not positive integers, naming the value', () => {
    expect(() => st.layers.dense({ units: 0 })).toThrow(st.ValueError);
    expect(() => st.layers.dense({ units: 0 })).toThrow(/units must be a positive integer, found 0/);
    expect(() => st.layers.dense({ units: -3 })).toThrow(/found -3/);
    expect(() => st.layers.dense({ units: 1.5 })).toThrow(/found 1.5/);
  });

  it('rejects an unknown activation and lists the known names', () => {
    const make = () => st.layers.dense({ units: 2, activation: 'nope' });
    expect(make).toThrow(st.UnknownNameError);
    expect(make).toThrow(/Unknown activation 'nope'/);
    for (const known of ['relu', 'sigmoid', 'softmax', 'tanh', 'linear']) expect(make).toThrow(new RegExp(`\\b${known}\\b`));
  });

  it('creates no weights before build', () => {
    const layer = st.layers.dense({ units: 2 });
    expect(layer.weights).toEqual([]);
    expect(layer.built).toBe(false);
  });

  it('rejects an input whose last axis differs from the one it was built for', () => {
    const layer = st.layers.dense({ units: 2 });
    const x4 = tf.zeros([2, 4]);
    const x5 = tf.zeros([2, 5]);
    layer.apply(x4).dispose();
    expect(() => layer.apply(x5)).toThrow(st.ValueError);
    expect(() => layer.apply(x5)).toThrow(new RegExp(`layer '${layer.name}' expected axis -1 to have size 4, found 5`));
    tf.dispose([x4, x5]);
    layer.dispose();
  });

  it('rejects a rank-1 input', () => {
    const layer = st.layers.dense({ units: 2 });
    const x = tf.zeros([4]);
    expect(() => layer.apply(x)).toThrow(/expected rank >= 2, found rank 1/);
    x.dispose();
  });

  it('rejects a symbolic input whose last axis is unknown', () => {
    const input = st.layers.inputLayer({ batchInputShape: [null, null] });
    expect(() => st.layers.dense({ units: 2 }).apply(input.output)).toThrow(/last axis of the input must be known/);
  });
});

describe('Dense config', () => {
  it('writes Keras names for the activation and the initializers', () => {
    const layer = st.layers.dense({ units: 4, activation: 'leakyRelu', useBias: false, name: 'd1' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'd1', units: 4, activation: 'leaky_relu', useBias: false, trainable: true, dtype: 'float32' });
    expect(config.kernelInitializer).toMatchObject({ className: 'GlorotUniform' });
    expect(config.biasInitializer).toMatchObject({ className: 'Zeros' });
  });

  it('inputDim is shorthand for inputShape [inputDim]', () => {
    expect(st.layers.dense({ units: 2, inputDim: 7 }).getConfig().batchInputShape).toEqual([null, 7]);
  });
});
