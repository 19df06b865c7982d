// Each built-in loss against hand-computed values (reference.ts) and Keras' documented numbers.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Hinge,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
  type Loss,
} from '../../src/losses/index.js';
import { ONE_MINUS_EPS_F32, refBce, refCce, refHinge, refMae, refMse, refScce } from './reference.js';

const read = (x: tf.Tensor) => Array.from(x.dataSync());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

function expectClose(actual: number[], expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], digits));
}

/** Per-sample values from call(), and the default reduction from compute(). */
function check(loss: Loss, yTrue: tf.Tensor, yPred: tf.Tensor, perSample: number[], digits = 5): void {
  const values = loss.call(yTrue, yPred);
  expect(values.shape).toEqual([perSample.length]);
  expectClose(read(values), perSample, digits);
  const reduced = loss.compute(yTrue, yPred);
  expect(reduced.shape).toEqual([]);
  expect(read(reduced)[0]).toBeCloseTo(mean(perSample), digits);
  tf.dispose([values, reduced]);
}

describe('mean squared / absolute error', () => {
  const t = [[0, 1, 2], [1, 1, 1], [3, -1, 0.5], [0, 0, 0]];
  const p = [[1, 1, 0], [0.5, 2, 1], [3, 1, -0.5], [0.25, -0.25, 0]];

  it('mse: mean of squared errors over the last axis', () => {
    check(new MeanSquaredError(), tf.tensor2d(t), tf.tensor2d(p), refMse(t, p));
    expect(refMse(t, p)[0]).toBeCloseTo(5 / 3, 10); // (1 + 0 + 4) / 3, by hand
  });

  it('mae: mean of absolute errors over the last axis', () => {
    check(new MeanAbsoluteError(), tf.tensor2d(t), tf.tensor2d(p), refMae(t, p));
    expect(refMae(t, p)[2]).toBeCloseTo((0 + 2 + 1) / 3, 10);
  });

  it('Keras doc: mse([1, 0, 1], [0.9, 0.1, 0.8]) = 0.02', () => {
    const loss = new MeanSquaredError().compute(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.1, 0.8]));
    expect(read(loss)[0]).toBeCloseTo(0.02, 6);
  });

  it('[batch] labels against [batch, 1] predictions give one value per sample', () => {
    const values = new MeanSquaredError().call(tf.tensor1d([1, 2, 3]), tf.tensor2d([[1], [0], [5]]));
    expect(values.shape).toEqual([3]);
    expectClose(read(values), [0, 4, 4]);
  });

  it('rank 3: reduces only the last axis', () => {
    const yt = tf.tensor3d([[[1, 2], [3, 4]]]);
    const yp = tf.tensor3d([[[0, 0], [3, 2]]]);
    const values = new MeanSquaredError().call(yt, yp);
    expect(values.shape).toEqual([1, 2]);
    expectClose(read(values), [(1 + 4) / 2, (0 + 4) / 2]);
  });
});

describe('binary crossentropy', () => {
  const t = [[0, 1], [0, 0], [1, 1]];
  const probs = [[0.6, 0.4], [0.4, 0.6], [0.9, 1]];
  const logits = [[-18.6, 0.51], [2.94, -12.8], [0.3, -1.2]];

  it('probabilities, clipped at 1 - 1e-7', () => {
    check(new BinaryCrossentropy(), tf.tensor2d(t), tf.tensor2d(probs), refBce(t, probs));
  });

  it('a prediction of exactly 0 or 1 gives a finite loss: p is clipped to [1e-7, 1 - 1e-7]', () => {
    const v = read(new BinaryCrossentropy().call(tf.tensor2d([[0], [1]]), tf.tensor2d([[1], [0]])));
    // y=0, p=1: -log(1 - float32(1 - 1e-7)) ≈ 15.942 (what Keras gives in float32); y=1, p=0: -log(1e-7) ≈ 16.118.
    expectClose(v, [-Math.log(1 - ONE_MINUS_EPS_F32), -Math.log(1e-7)], 3);
    expect(v[0]).toBeCloseTo(15.942, 2);
  });

  it('Keras doc: [[0,1],[0,0]] vs [[0.6,0.4],[0.4,0.6]] → [0.916, 0.714]', () => {
    const v = read(new BinaryCrossentropy().call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])));
    expectClose(v, [0.916, 0.714], 3);
  });

  it('fromLogits', () => {
    check(new BinaryCrossentropy({ fromLogits: true }), tf.tensor2d(t), tf.tensor2d(logits), refBce(t, logits, { fromLogits: true }), 4);
  });

  it('Keras doc (logits): 0.865, sample weights [0.8, 0.2] → 0.243, sum → 1.730', () => {
    const yt = tf.tensor2d([[0, 1], [0, 0]]);
    const yp = tf.tensor2d([[-18.6, 0.51], [2.94, -12.8]]);
    expect(read(new BinaryCrossentropy({ fromLogits: true }).compute(yt, yp))[0]).toBeCloseTo(0.865, 3);
    expect(read(new BinaryCrossentropy({ fromLogits: true }).compute(yt, yp, tf.tensor1d([0.8, 0.2])))[0]).toBeCloseTo(0.243, 2);
    expect(read(new BinaryCrossentropy({ fromLogits: true, reduction: 'sum' }).compute(yt, yp))[0]).toBeCloseTo(1.73, 2); // docs truncate to 3 decimals
  });

  it('labelSmoothing squeezes labels towards 0.5', () => {
    check(new BinaryCrossentropy({ labelSmoothing: 0.2 }), tf.tensor2d(t), tf.tensor2d(probs), refBce(t, probs, { ls: 0.2 }));
    check(
      new BinaryCrossentropy({ labelSmoothing: 0.2, fromLogits: true }),
      tf.tensor2d(t),
      tf.tensor2d(logits),
      refBce(t, logits, { ls: 0.2, fromLogits: true }),
      4,
    );
    // By hand: y=1 smoothed by 0.2 is 0.9; p=0.5 → -(0.9 log 0.5 + 0.1 log 0.5) = log 2.
    expectClose(read(new BinaryCrossentropy({ labelSmoothing: 0.2 }).call(tf.tensor2d([[1]]), tf.tensor2d([[0.5]]))), [Math.LN2]);
  });

  it('rank-1 inputs: one value per sample', () => {
    const values = new BinaryCrossentropy().call(tf.tensor1d([1, 0]), tf.tensor1d([0.8, 0.3]));
    expect(values.shape).toEqual([2]);
    expectClose(read(values), [-Math.log(0.8), -Math.log(0.7)]);
  });

  it('axis 0 averages over the batch axis instead', () => {
    const values = new BinaryCrossentropy({ axis: 0 }).call(tf.tensor2d([[1, 0], [0, 0]]), tf.tensor2d([[0.8, 0.4], [0.5, 0.1]]));
    expect(values.shape).toEqual([2]);
    expectClose(read(values), [(-Math.log(0.8) - Math.log(0.5)) / 2, (-Math.log(0.6) - Math.log(0.9)) / 2]);
  });
});

describe('categorical crossentropy', () => {
  const t = [[0, 1, 0], [0, 0, 1], [1, 0, 0]];
  const probs = [[0.05, 0.95, 0], [0.1, 0.8, 0.1], [0.5, 0.25, 0.25]];
  const logits = [[1, 2, 3], [-1, 0, 4], [0.5, 0.5, -2]];

  it('Keras doc: → [0.0513, 2.303]', () => {
    const v = read(new CategoricalCrossentropy().call(tf.tensor2d(t.slice(0, 2)), tf.tensor2d(probs.slice(0, 2))));
    expectClose(v, [0.0513, 2.303], 3);
  });

  it('probabilities (renormalized, clipped)', () => {
    check(new CategoricalCrossentropy(), tf.tensor2d(t), tf.tensor2d(probs), refCce(t, probs));
    // Unnormalized rows are divided by their sum first: [1, 3] → q = [0.25, 0.75].
    expectClose(read(new CategoricalCrossentropy().call(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 3]]))), [-Math.log(0.75)]);
  });

  it('fromLogits', () => {
    check(new CategoricalCrossentropy({ fromLogits: true }), tf.tensor2d(t), tf.tensor2d(logits), refCce(t, logits, { fromLogits: true }));
  });

  it('labelSmoothing: 1 - s + s/K on the target, s/K elsewhere', () => {
    check(new CategoricalCrossentropy({ labelSmoothing: 0.3 }), tf.tensor2d(t), tf.tensor2d(probs), refCce(t, probs, { ls: 0.3 }), 4);
    check(
      new CategoricalCrossentropy({ labelSmoothing: 0.3, fromLogits: true }),
      tf.tensor2d(t),
      tf.tensor2d(logits),
      refCce(t, logits, { ls: 0.3, fromLogits: true }),
    );
    // By hand, K = 2, s = 0.5: labels [0.25, 0.75] against q = [0.5, 0.5] → log 2.
    expectClose(read(new CategoricalCrossentropy({ labelSmoothing: 0.5 }).call(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.5, 0.5]]))), [Math.LN2]);
  });

  it('axis 1 of a [batch, classes, steps] tensor', () => {
    // classes on axis 1: transpose of a [1, steps=2, classes=3] problem.
    const yt = tf.tensor3d([[[0, 1], [1, 0], [0, 0]]]);
    const yp = tf.tensor3d([[[0.2, 0.6], [0.5, 0.3], [0.3, 0.1]]]);
    const values = new CategoricalCrossentropy({ axis: 1 }).call(yt, yp);
    expect(values.shape).toEqual([1, 2]);
    expectClose(read(values), [-Math.log(0.5), -Math.log(0.6)]);
  });
});

describe('sparse categorical crossentropy', () => {
  const labels = [1, 2, 0];
  const probs = [[0.05, 0.95, 0], [0.1, 0.8, 0.1], [0.5, 0.25, 0.25]];
  const logits = [[1, 2, 3], [-1, 0, 4], [0.5, 0.5, -2]];

  it('Keras doc: [1, 2] → [0.0513, 2.303], weights [0.3, 0.7] → 0.814, sum → 2.354', () => {
    const yt = tf.tensor1d([1, 2]);
    const yp = tf.tensor2d(probs.slice(0, 2));
    expectClose(read(new SparseCategoricalCrossentropy().call(yt, yp)), [0.0513, 2.303], 3);
    expect(read(new SparseCategoricalCrossentropy().compute(yt, yp, tf.tensor1d([0.3, 0.7])))[0]).toBeCloseTo(0.814, 3);
    expect(read(new SparseCategoricalCrossentropy({ reduction: 'sum' }).compute(yt, yp))[0]).toBeCloseTo(2.354, 3);
  });

  it('probabilities: labels of shape [batch] and [batch, 1], float or int', () => {
    const expected = refScce(labels, probs);
    check(new SparseCategoricalCrossentropy(), tf.tensor1d(labels, 'int32'), tf.tensor2d(probs), expected);
    check(new SparseCategoricalCrossentropy(), tf.tensor2d(labels, [3, 1]), tf.tensor2d(probs), expected);
  });

  it('fromLogits', () => {
    check(new SparseCategoricalCrossentropy({ fromLogits: true }), tf.tensor1d(labels), tf.tensor2d(logits), refScce(labels, logits, { fromLogits: true }));
  });

  it('agrees with categorical crossentropy on one-hot labels (logits)', () => {
    const oneHot = labels.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)));
    expectClose(refScce(labels, logits, { fromLogits: true }), refCce(oneHot, logits, { fromLogits: true }), 10);
  });
});

describe('hinge', () => {
  it('{0, 1} labels are converted to {-1, 1}', () => {
    const t = [[0, 1], [1, 1], [0, 0]];
    const p = [[0.3, 0.4], [-0.5, 2], [0.1, -3]];
    check(new Hinge(), tf.tensor2d(t), tf.tensor2d(p), refHinge(t, p));
    // By hand, row 0: labels [-1, 1]: max(1 + 0.3, 0) = 1.3, max(1 - 0.4, 0) = 0.6 → 0.95.
    expect(refHinge(t, p)[0]).toBeCloseTo(0.95, 10);
  });

  it('{-1, 1} labels are used as they are', () => {
    const t = [[-1, 1], [1, -1]];
    const p = [[0.3, 0.4], [2, 0.5]];
    check(new Hinge(), tf.tensor2d(t), tf.tensor2d(p), [(1.3 + 0.6) / 2, (0 + 1.5) / 2]);
  });
});
