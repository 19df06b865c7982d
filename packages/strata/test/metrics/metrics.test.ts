// Stateful metrics: accumulated over batches of different sizes, they equal the metric of the
// concatenated data worked by hand (not the mean of per-batch values); reset; no leaks or reads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { StateError, ValueError } from '../../src/errors.js';
import {
  Accuracy,
  BinaryAccuracy,
  BinaryCrossentropy,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Mean,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalAccuracy,
  SparseCategoricalCrossentropy,
  type Metric,
} from '../../src/metrics/index.js';
import { refBce, refCce, refScce } from '../losses/reference.js';

const result = (m: Metric) => {
  const r = m.result();
  expect(r.shape).toEqual([]);
  const v = r.dataSync()[0];
  r.dispose();
  return v;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const argmax = (row: number[]) => row.indexOf(Math.max(...row));

// Batches of 1, 2 and 4 samples: the mean over samples differs from the mean of batch means.
const SPLITS: Array<[number, number]> = [
  [0, 1],
  [1, 3],
  [3, 7],
];

type Case = {
  metric: () => Metric;
  yTrue: number[][];
  yPred: number[][];
  /** The per-sample value, worked by hand in JS. */
  perSample: (t: number[], p: number[]) => number;
  /** Labels as [batch] instead of [batch, 1]. */
  flatLabels?: boolean;
};

const binaryTrue = [[1], [0], [1], [1], [0], [0], [1]];
const binaryPred = [[0.7], [0.6], [0.4], [0.9], [0.1], [0.5], [0.51]];
const oneHot = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]];
const probs = [
  [0.6, 0.3, 0.1],
  [0.5, 0.2, 0.3],
  [0.2, 0.2, 0.6],
  [0.1, 0.7, 0.2],
  [0.3, 0.4, 0.3],
  [0.25, 0.25, 0.5],
  [0.45, 0.35, 0.2],
];
const sparse = oneHot.map((row) => [argmax(row)]);

const cases: Record<string, Case> = {
  binaryAccuracy: {
    metric: () => new BinaryAccuracy(),
    yTrue: binaryTrue,
    yPred: binaryPred,
    perSample: (t, p) => ((p[0] > 0.5 ? 1 : 0) === t[0] ? 1 : 0),
  },
  accuracy: {
    metric: () => new Accuracy(),
    yTrue: [[1], [2], [3], [1], [0], [2], [2]],
    yPred: [[1], [0], [3], [1], [1], [2], [0]],
    perSample: (t, p) => (t[0] === p[0] ? 1 : 0),
  },
  categoricalAccuracy: {
    metric: () => new CategoricalAccuracy(),
    yTrue: oneHot,
    yPred: probs,
    perSample: (t, p) => (argmax(t) === argmax(p) ? 1 : 0),
  },
  sparseCategoricalAccuracy: {
    metric: () => new SparseCategoricalAccuracy(),
    yTrue: sparse,
    yPred: probs,
    perSample: (t, p) => (t[0] === argmax(p) ? 1 : 0),
    flatLabels: true,
  },
  meanSquaredError: {
    metric: () => new MeanSquaredError(),
    yTrue: [[1, 2], [0, 0], [3, 1], [2, 2], [1, 0], [0, 5], [4, 4]],
    yPred: [[0, 2], [1, 1], [3, 3], [2, 0], [0, 0], [1, 4], [4, 0]],
    perSample: (t, p) => mean(t.map((y, j) => (y - p[j]) ** 2)),
  },
  meanAbsoluteError: {
    metric: () => new MeanAbsoluteError(),
    yTrue: [[1, 2], [0, 0], [3, 1], [2, 2], [1, 0], [0, 5], [4, 4]],
    yPred: [[0, 2], [1, 1], [3, 3], [2, 0], [0, 0], [1, 4], [4, 0]],
    perSample: (t, p) => mean(t.map((y, j) => Math.abs(y - p[j]))),
  },
  binaryCrossentropy: {
    metric: () => new BinaryCrossentropy(),
    yTrue: binaryTrue,
    yPred: binaryPred,
    perSample: (t, p) => refBce([t], [p])[0],
  },
  categoricalCrossentropy: {
    metric: () => new CategoricalCrossentropy({ fromLogits: true }),
    yTrue: oneHot,
    yPred: probs.map((row) => row.map((v) => 3 * v - 1)), // any logits
    perSample: (t, p) => refCce([t], [p], { fromLogits: true })[0],
  },
  sparseCategoricalCrossentropy: {
    metric: () => new SparseCategoricalCrossentropy(),
    yTrue: sparse,
    yPred: probs,
    perSample: (t, p) => refScce([t[0]], [p])[0],
  },
};

function batch(c: Case, [from, to]: [number, number]): [tf.Tensor, tf.Tensor] {
  const t = c.yTrue.slice(from, to);
  return [c.flatLabels ? tf.tensor1d(t.map((r) => r[0])) : tf.tensor2d(t), tf.tensor2d(c.yPred.slice(from, to))];
}

describe('accumulated over 3 batches of sizes 1, 2, 4 = the metric of all 7 samples', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const perSample = c.yTrue.map((t, i) => c.perSample(t, c.yPred[i]));
      const expected = mean(perSample);
      const meanOfBatches = mean(SPLITS.map(([a, b]) => mean(perSample.slice(a, b))));
      expect(Math.abs(expected - meanOfBatches)).toBeGreaterThan(1e-3); // the data tells the two apart

      const m = c.metric();
      for (const split of SPLITS) {
        const [yt, yp] = batch(c, split);
        m.updateState(yt, yp);
        tf.dispose([yt, yp]);
      }
      expect(result(m)).toBeCloseTo(expected, 5);
      m.dispose();
    });
  }
});

describe('sample weights', () => {
  it('binary accuracy: sum(w * match) / sum(w) across batches', () => {
    const w = [1, 2, 0.5, 0, 3, 1, 1];
    const c = cases.binaryAccuracy;
    const match = c.yTrue.map((t, i) => c.perSample(t, c.yPred[i]));
    const expected = match.reduce((acc, v, i) => acc + v * w[i], 0) / w.reduce((a, b) => a + b, 0);
    const m = new BinaryAccuracy();
    for (const [a, b] of SPLITS) {
      const [yt, yp] = batch(c, [a, b]);
      m.updateState(yt, yp, tf.tensor1d(w.slice(a, b)));
    }
    expect(result(m)).toBeCloseTo(expected, 6);
  });

  it('Mean: Keras doc, [1, 3, 5, 7] → 4; with weights [1, 1, 0, 0] → 2', () => {
    const m = new Mean();
    m.update(tf.tensor1d([1, 3, 5, 7]));
    expect(result(m)).toBeCloseTo(4, 6);
    m.resetState();
    m.update(tf.tensor1d([1, 3, 5, 7]), tf.tensor1d([1, 1, 0, 0]));
    expect(result(m)).toBeCloseTo(2, 6);
  });

  it('Mean as the loss tracker: scalar batch losses weighted by batch size', () => {
    const m = new Mean({ name: 'loss' });
    m.update(tf.scalar(2), 32);
    m.update(tf.scalar(4), 8);
    expect(result(m)).toBeCloseTo((2 * 32 + 4 * 8) / 40, 6); // 2.4, not (2 + 4) / 2
    m.update(tf.scalar(1)); // no weight: one sample
    expect(result(m)).toBeCloseTo((64 + 32 + 1) / 41, 6);
  });

  it('Mean of [batch, k] values averages each sample first', () => {
    const m = new Mean();
    m.update(tf.tensor2d([[1, 3], [10, 20]]), tf.tensor1d([1, 3]));
    expect(result(m)).toBeCloseTo((2 * 1 + 15 * 3) / 4, 6);
  });

  it('weights that do not fit are a ValueError', () => {
    const m = new Mean({ name: 'loss' });
    expect(() => m.update(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 2]))).toThrow(ValueError);
    expect(() => m.update(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 2]))).toThrow(/'loss'.*\[3\].*found \[2\]/);
  });
});

describe('state', () => {
  it('result is 0 before any update', () => {
    expect(result(new CategoricalAccuracy())).toBe(0);
  });

  it('resetState starts a new epoch', () => {
    const m = new MeanSquaredError();
    m.updateState(tf.tensor2d([[0], [0]]), tf.tensor2d([[3], [3]])); // 9
    expect(result(m)).toBeCloseTo(9, 6);
    m.resetState();
    expect(result(m)).toBe(0);
    m.updateState(tf.tensor2d([[0]]), tf.tensor2d([[1]]));
    expect(result(m)).toBeCloseTo(1, 6);
  });

  it('many metrics can live side by side (variable names are unique)', () => {
    const ms = [new Mean(), new Mean(), new Mean({ name: 'loss' }), new Mean({ name: 'loss' })];
    const names = new Set(ms.flatMap((m) => m.variables.map((v) => v.name)));
    expect(names.size).toBe(8);
    ms.forEach((m) => m.dispose());
  });

  it('variables are not trainable', () => {
    expect(new Mean().variables.every((v) => !v.trainable)).toBe(true);
  });

  it('a plain Mean has no updateState(yTrue, yPred)', () => {
    expect(() => new Mean({ name: 'loss' }).updateState(tf.zeros([1]), tf.zeros([1]))).toThrow(/'loss'.*update\(values/);
  });

  it('a disposed metric says so', () => {
    const m = new BinaryAccuracy();
    m.dispose();
    expect(() => m.updateState(tf.zeros([1, 1]), tf.zeros([1, 1]))).toThrow(StateError);
    expect(() => m.result()).toThrow(/disposed/);
  });
});

describe('memory and device reads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('updateState, result and resetState leak nothing; dispose frees the variables', () => {
    const all = Object.values(cases);
    const inputs = all.map((c) => SPLITS.map((s) => batch(c, s)));
    const weights = SPLITS.map(([a, b]) => tf.ones([b - a]));
    const before = tf.memory().numTensors;
    const metrics = all.map((c) => c.metric());
    const lossTracker = new Mean({ name: 'loss' });
    const withMetrics = tf.memory().numTensors;
    expect(withMetrics - before).toBe(2 * (metrics.length + 1)); // total and count each
    for (let epoch = 0; epoch < 2; epoch++) {
      metrics.forEach((m, i) => SPLITS.forEach((_, s) => m.updateState(inputs[i][s][0], inputs[i][s][1], s === 1 ? weights[s] : undefined)));
      const batchLoss = tf.scalar(1.5);
      lossTracker.update(batchLoss, 4);
      batchLoss.dispose();
      expect(tf.memory().numTensors).toBe(withMetrics);
      [...metrics, lossTracker].forEach((m) => m.result().dispose());
      [...metrics, lossTracker].forEach((m) => m.resetState());
      expect(tf.memory().numTensors).toBe(withMetrics);
    }
    [...metrics, lossTracker].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...inputs.flat(2), ...weights]);
  });

  it('updateState reads nothing back from the device', () => {
    const proto = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const reads = ['dataSync', 'data', 'arraySync', 'array', 'bufferSync', 'buffer'].map((k) => vi.spyOn(proto, k as never));
    for (const c of Object.values(cases)) {
      const m = c.metric();
      const [yt, yp] = batch(c, [0, 3]);
      m.updateState(yt, yp);
      m.updateState(yt, yp, tf.tensor1d([1, 0, 2]));
      m.dispose();
    }
    const mean = new Mean();
    mean.update(tf.scalar(3), 16);
    for (const spy of reads) expect(spy).not.toHaveBeenCalled();
  });
});
