import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { indices, moments, seeded } from './reference.js';

const { tf } = st;
const EPS = 1e-3;

// --- hand-computed cases ----------------------------------------------------------------------

const X = [
  [1, 2, 3],
  [4, 5, 6],
  [-1, 0, 2],
  [0.5, -2, 1],
];
const GAMMA = [1, 2, 0.5];
const BETA = [0, 0.1, -0.2];
const MOVING_MEAN = [0.5, 1, -1];
const MOVING_VAR = [4, 0.25, 1];

/** gamma·(x - mean)/sqrt(var + eps) + beta on a [rows, 3] matrix, per column. */
function normalizeRows(x: number[][], mean: number[], variance: number[], gamma = GAMMA, beta = BETA, eps = EPS): number[][] {
  return x.map((row) => row.map((v, j) => (gamma[j] * (v - mean[j])) / Math.sqrt(variance[j] + eps) + beta[j]));
}

const columnMean = (x: number[][]) => x[0].map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
const columnVar = (x: number[][]) => {
  const m = columnMean(x);
  return x[0].map((_, j) => x.reduce((s, r) => s + (r[j] - m[j]) ** 2, 0) / x.length); // biased, as Keras
};

/** Reference batch-norm output on any shape, normalizing each index of `axis` over the other axes. */
function batchNormReference(values: number[], shape: number[], axis: number, gamma: number[], beta: number[], training: boolean, mm: number[], mv: number[]): number[] {
  const reduce = shape.map((_, i) => i).filter((i) => i !== axis);
  const stats = moments(values, shape, reduce);
  return indices(shape).map((idx, i) => {
    const c = idx[axis];
    const mean = training ? stats.mean(i) : mm[c];
    const variance = training ? stats.variance(i) : mv[c];
    return (gamma[c] * (values[i] - mean)) / Math.sqrt(variance + EPS) + beta[c];
  });
}

runLayerTest({
  name: 'batchNormalization on [4, 3], inference: moving statistics',
  make: () => st.layers.batchNormalization(),
  inputShape: [4, 3],
  expectedOutputShape: [4, 3],
  expectedWeightShapes: [[3], [3], [3], [3]],
  expectedTrainableWeights: 2,
  expectedOutput: {
    input: X,
    weights: [GAMMA, BETA, MOVING_MEAN, MOVING_VAR],
    output: normalizeRows(X, MOVING_MEAN, MOVING_VAR),
  },
});

runLayerTest({
  name: 'batchNormalization on [4, 3], training: batch mean and biased variance',
  make: () => st.layers.batchNormalization(),
  inputShape: [4, 3],
  expectedOutputShape: [4, 3],
  expectedWeightShapes: [[3], [3], [3], [3]],
  expectedTrainableWeights: 2,
  expectedOutput: {
    input: X,
    weights: [GAMMA, BETA, MOVING_MEAN, MOVING_VAR],
    output: normalizeRows(X, columnMean(X), columnVar(X)),
    training: true,
    tolerance: { atol: 1e-5, rtol: 1e-4 },
  },
});

{
  // Rank 4, channels last: statistics over batch, rows and columns.
  const shape = [2, 2, 2, 3];
  const values = seeded(24, 3, 2);
  const gamma = [0.5, 1.5, -1];
  const beta = [0.2, 0, -0.3];
  runLayerTest({
    name: 'batchNormalization on [2, 2, 2, 3] (channels last), training',
    make: () => st.layers.batchNormalization({ momentum: 0.9 }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[3], [3], [3], [3]],
    expectedTrainableWeights: 2,
    expectedOutput: {
      input: values,
      weights: [gamma, beta, [0, 0, 0], [1, 1, 1]],
      output: batchNormReference(values, shape, 3, gamma, beta, true, [], []),
      training: true,
      tolerance: { atol: 1e-5, rtol: 1e-4 },
    },
  });
}

{
  // axis 1 of a rank-4 input (channels first, as after a channels_first Conv2D).
  const shape = [2, 3, 2, 2];
  const values = seeded(24, 5, 1.5, 0.3);
  const gamma = [1, 0.5, 2];
  const beta = [0, -1, 1];
  const mm = [0.1, -0.2, 0.3];
  const mv = [0.5, 2, 1.5];
  for (const training of [false, true]) {
    runLayerTest({
      name: `batchNormalization axis 1 on [2, 3, 2, 2], ${training ? 'training' : 'inference'}`,
      make: () => st.layers.batchNormalization({ axis: 1 }),
      inputShape: shape,
      expectedOutputShape: shape,
      expectedWeightShapes: [[3], [3], [3], [3]],
      expectedTrainableWeights: 2,
      expectedOutput: {
        input: values,
        weights: [gamma, beta, mm, mv],
        output: batchNormReference(values, shape, 1, gamma, beta, training, mm, mv),
        training,
        tolerance: { atol: 1e-5, rtol: 1e-4 },
      },
    });
  }
}

runLayerTest({
  name: 'batchNormalization on a rank-3 input, center: false (no beta)',
  make: () => st.layers.batchNormalization({ center: false }),
  inputShape: [3, 2, 4],
  expectedOutputShape: [3, 2, 4],
  expectedWeightShapes: [[4], [4], [4]],
  expectedTrainableWeights: 1,
});

runLayerTest({
  name: 'batchNormalization scale: false (no gamma), inference',
  make: () => st.layers.batchNormalization({ scale: false }),
  inputShape: [4, 3],
  expectedOutputShape: [4, 3],
  expectedWeightShapes: [[3], [3], [3]],
  expectedTrainableWeights: 1,
  expectedOutput: {
    input: X,
    weights: [BETA, MOVING_MEAN, MOVING_VAR],
    output: normalizeRows(X, MOVING_MEAN, MOVING_VAR, [1, 1, 1]),
  },
});

runLayerTest({
  name: 'batchNormalization frozen (trainable: false) runs in inference mode even in training',
  make: () => st.layers.batchNormalization({ trainable: false }),
  inputShape: [4, 3],
  expectedOutputShape: [4, 3],
  expectedWeightShapes: [[3], [3], [3], [3]],
  expectedTrainableWeights: 0,
  expectedOutput: {
    input: X,
    weights: [GAMMA, BETA, MOVING_MEAN, MOVING_VAR],
    output: normalizeRows(X, MOVING_MEAN, MOVING_VAR),
    training: true,
  },
});

// --- moving statistics -------------------------------------------------------------------------

function values(t: st.Tensor): number[] {
  return Array.from(t.dataSync());
}

function weightByName(layer: st.Layer, suffix: string): number[] {
  const w = layer.weights.find((x) => x.name.endsWith(`/${suffix}`));
  if (!w) throw new Error(`no weight ${suffix}`);
  return Array.from(w.read().dataSync());
}

function expectClose(actual: number[], expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `index ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(expected[i]))));
}

describe('BatchNormalization moving statistics', () => {
  it('one training call: moving = momentum·old + (1 - momentum)·batch statistic (biased variance)', () => {
    for (const momentum of [0.99, 0.9, 0]) {
      const layer = st.layers.batchNormalization({ momentum });
      const x = tf.tensor2d(X);
      tf.dispose(layer.apply(x, { training: true }));
      // Initial moving mean 0, moving variance 1.
      expectClose(weightByName(layer, 'moving_mean'), columnMean(X).map((m) => (1 - momentum) * m));
      expectClose(weightByName(layer, 'moving_variance'), columnVar(X).map((v) => momentum * 1 + (1 - momentum) * v));
      x.dispose();
      layer.dispose();
    }
  });

  it('inference calls leave the moving statistics alone', () => {
    const layer = st.layers.batchNormalization({ momentum: 0.5 });
    const x = tf.tensor2d(X);
    tf.dispose(layer.apply(x));
    tf.dispose(layer.apply(x, { training: false }));
    expect(weightByName(layer, 'moving_mean')).toEqual([0, 0, 0]);
    expect(weightByName(layer, 'moving_variance')).toEqual([1, 1, 1]);
    x.dispose();
    layer.dispose();
  });

  it('a frozen layer does not update them in training', () => {
    const layer = st.layers.batchNormalization({ momentum: 0.5, trainable: false });
    const x = tf.tensor2d(X);
    tf.dispose(layer.apply(x, { training: true }));
    expect(weightByName(layer, 'moving_mean')).toEqual([0, 0, 0]);
    expect(weightByName(layer, 'moving_variance')).toEqual([1, 1, 1]);
    x.dispose();
    layer.dispose();
  });

  it('exactly one update per trainOnBatch / fit step; none in predict and evaluate', async () => {
    const momentum = 0.5;
    const bn = st.layers.batchNormalization({ momentum });
    const model = st.sequential({ layers: [st.layers.inputLayer({ inputShape: [3] }), bn, st.layers.dense({ units: 1 })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.tensor2d(X);
    const y = tf.zeros([4, 1]);
    await model.trainOnBatch(x, y);
    let mm = columnMean(X).map((m) => (1 - momentum) * m);
    let mv = columnVar(X).map((v) => momentum + (1 - momentum) * v);
    expectClose(weightByName(bn, 'moving_mean'), mm);
    expectClose(weightByName(bn, 'moving_variance'), mv);

    tf.dispose(model.predict(x));
    tf.dispose(model.evaluate(x, y));
    expectClose(weightByName(bn, 'moving_mean'), mm);

    // fit: two batches of two rows, in order: two more updates.
    await model.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    for (const rows of [X.slice(0, 2), X.slice(2, 4)]) {
      mm = mm.map((m, j) => momentum * m + (1 - momentum) * columnMean(rows)[j]);
      mv = mv.map((v, j) => momentum * v + (1 - momentum) * columnVar(rows)[j]);
    }
    expectClose(weightByName(bn, 'moving_mean'), mm);
    expectClose(weightByName(bn, 'moving_variance'), mv);

    // After training, predict normalizes with the moving statistics.
    const p = model.predict(x) as st.Tensor;
    const [gamma, beta] = [weightByName(bn, 'gamma'), weightByName(bn, 'beta')];
    const dense = model.layers[1] as st.Layer;
    const denseWeights = dense.getWeights();
    const [kernel, bias] = denseWeights.map(values);
    tf.dispose(denseWeights);
    const expected = normalizeRows(X, mm, mv, gamma, beta).map((row) => row.reduce((s, v, j) => s + v * kernel[j], bias[0]));
    expectClose(values(p), expected, 1e-4);
    tf.dispose([x, y, p]);
    model.dispose();
  });

  it('the moving statistics are non-trainable and get no gradient; the update leaks nothing', () => {
    const layer = st.layers.batchNormalization({ momentum: 0.8 });
    const x = tf.tensor2d(X);
    tf.dispose(layer.apply(x)); // build
    expect(layer.trainableWeights.map((w) => w.name.split('/').pop())).toEqual(['gamma', 'beta']);
    expect(layer.nonTrainableWeights.map((w) => w.name.split('/').pop())).toEqual(['moving_mean', 'moving_variance']);
    const r = tf.tensor2d(seeded(12, 9), [4, 3]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(x, { training: true }), r)) as st.tf.Scalar,
      layer.weights.map((w) => w.variable),
    );
    // tfjs lists every variable asked for; those the loss does not reach get null.
    const gradOf = (suffix: string) => grads[layer.weights.find((w) => w.name.endsWith(`/${suffix}`))!.variable.name] ?? null;
    expect(gradOf('gamma')).not.toBeNull();
    expect(gradOf('beta')).not.toBeNull();
    expect(gradOf('moving_mean')).toBeNull();
    expect(gradOf('moving_variance')).toBeNull();
    // The update ran once inside the tape.
    expectClose(weightByName(layer, 'moving_mean'), columnMean(X).map((m) => 0.2 * m));
    tf.dispose([value, ...Object.values(grads).filter((g) => g != null)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, r]);
    layer.dispose();
  });

  it('a mask drops timesteps from the batch statistics (Keras: mask of rank input-1)', () => {
    // [2, 3, 2]: the last timestep of sample 0 and the first of sample 1 are masked.
    const shape = [2, 3, 2];
    const data = [1, 2, 3, 4, 100, -50, 200, 300, 5, 6, 7, 9];
    const maskValues = [1, 1, 0, 0, 1, 1];
    const weights = indices(shape).map((idx) => maskValues[idx[0] * 3 + idx[1]]);
    const stats = moments(data, shape, [0, 1], weights);
    const layer = st.layers.batchNormalization({ momentum: 0.5 });
    const x = tf.tensor3d(data, [2, 3, 2]);
    const mask = tf.tensor2d(maskValues.map(Boolean), [2, 3], 'bool');
    const y = layer.apply(x, { training: true, mask });
    const expected = data.map((v, i) => (v - stats.mean(i)) / Math.sqrt(stats.variance(i) + EPS));
    expectClose(values(y), expected, 1e-4);
    const channelStats = [0, 1].map((c) => stats.byKey.get(String(c))!);
    expectClose(weightByName(layer, 'moving_mean'), channelStats.map((s) => 0.5 * s.mean), 1e-4);
    expectClose(weightByName(layer, 'moving_variance'), channelStats.map((s) => 0.5 + 0.5 * s.variance), 1e-4);
    const badMask = tf.ones([2, 3, 2], 'bool');
    expect(() => layer.apply(x, { training: true, mask: badMask })).toThrow(/mask must have one axis less than the input/);
    tf.dispose([x, mask, y, badMask]);
    layer.dispose();
  });
});
