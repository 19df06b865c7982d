// The stateful metrics added with the training toolkit (threshold metrics: threshold-metrics.test.ts).
// Each is fed batches of 1, 2 and 4 samples and must equal the metric of all 7 samples computed
// at once by hand in JS (not the mean of per-batch values); Keras' documented examples too.
import { describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { ValueError } from '../../src/errors.js';
import {
  AUC,
  CategoricalHinge,
  CosineSimilarity,
  F1Score,
  FBetaScore,
  Hinge,
  IoU,
  KLDivergence,
  LogCoshError,
  MeanAbsolutePercentageError,
  MeanIoU,
  MeanSquaredLogarithmicError,
  Poisson,
  Precision,
  R2Score,
  Recall,
  RootMeanSquaredError,
  SparseTopKCategoricalAccuracy,
  SquaredHinge,
  TopKCategoricalAccuracy,
  TruePositives,
  deserializeMetric,
  getMetric,
  type Metric,
} from '../../src/metrics/index.js';
import '../../src/metrics/register.js';
import { serialize } from '../../src/saving/serialization.js';
import {
  refCategoricalHinge,
  refCosine,
  refHinge,
  refKld,
  refLogCosh,
  refMape,
  refMsle,
  refPoisson,
  refSquaredHinge,
} from '../losses/reference.js';

import { BIN_P, BIN_T, DIST_P, DIST_T, ONE_HOT, REG_P, REG_T, SCORES, SPARSE, SPLITS, W, expectValues, feed, ratio, scalarOf, sum, weightedMean } from './helpers.js';

describe('mean-over-samples metrics', () => {
  type Case = [string, () => Metric, number[][], number[][], number[]];
  const signed = ONE_HOT.map((row) => row.map((y) => 2 * y - 1));
  const cases: Case[] = [
    ['mape', () => new MeanAbsolutePercentageError(), REG_T, REG_P, refMape(REG_T, REG_P)],
    ['msle', () => new MeanSquaredLogarithmicError(), REG_T, REG_P, refMsle(REG_T, REG_P)],
    ['logcosh', () => new LogCoshError(), REG_T, REG_P, refLogCosh(REG_T, REG_P)],
    ['cosine similarity (positive)', () => new CosineSimilarity(), REG_T, REG_P, refCosine(REG_T, REG_P)],
    ['hinge', () => new Hinge(), signed, SCORES, refHinge(signed, SCORES)],
    ['squared hinge', () => new SquaredHinge(), ONE_HOT, SCORES, refSquaredHinge(ONE_HOT, SCORES)],
    ['categorical hinge', () => new CategoricalHinge(), ONE_HOT, SCORES, refCategoricalHinge(ONE_HOT, SCORES)],
    ['kl divergence', () => new KLDivergence(), DIST_T, DIST_P, refKld(DIST_T, DIST_P)],
    ['poisson', () => new Poisson(), REG_T, REG_P, refPoisson(REG_T, REG_P)],
  ];
  for (const [label, make, t, p, perSample] of cases) {
    it(`${label}: the (weighted) mean over all samples`, () => {
      expectValues([scalarOf(make(), t, p)], [weightedMean(perSample)]);
      expectValues([scalarOf(make(), t, p, W)], [weightedMean(perSample, W)]);
    });
  }

  it("Keras' documented examples (MAPE, cosine similarity)", () => {
    const one = (m: Metric, t: number[][], p: number[][], w?: number[]) =>
      tf.tidy(() => {
        m.updateState(tf.tensor2d(t), tf.tensor2d(p), w ? tf.tensor1d(w) : undefined);
        return m.result().dataSync()[0];
      });
    expect(one(new MeanAbsolutePercentageError(), [[0, 1], [0, 0]], [[1, 1], [0, 0]]) / 250000000).toBeCloseTo(1, 5);
    expect(one(new MeanAbsolutePercentageError(), [[0, 1], [0, 0]], [[1, 1], [0, 0]], [1, 0]) / 500000000).toBeCloseTo(1, 5);
    expect(one(new CosineSimilarity({ axis: 1 }), [[0, 1], [1, 1]], [[1, 0], [1, 1]])).toBeCloseTo(0.5, 5);
    expect(one(new CosineSimilarity({ axis: 1 }), [[0, 1], [1, 1]], [[1, 0], [1, 1]], [0.3, 0.7])).toBeCloseTo(0.7, 5);
  });
});

describe('RootMeanSquaredError', () => {
  const mse = REG_T.map((row, i) => sum(row.map((y, j) => (y - REG_P[i][j]) ** 2)) / row.length);
  it('sqrt of the mean over all samples, not the mean of batch roots', () => {
    const want = Math.sqrt(weightedMean(mse));
    expectValues([scalarOf(new RootMeanSquaredError(), REG_T, REG_P)], [want]);
    expectValues([scalarOf(new RootMeanSquaredError(), REG_T, REG_P, W)], [Math.sqrt(weightedMean(mse, W))]);
    const batchRoots = SPLITS.map(([a, b]) => Math.sqrt(weightedMean(mse.slice(a, b))));
    expect(Math.abs(sum(batchRoots) / 3 - want)).toBeGreaterThan(1e-2);
  });
  it("Keras' documented example", () => {
    const m = new RootMeanSquaredError();
    expectValues([scalarOf(m, [[0, 1], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]], [[1, 1], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]])], [Math.sqrt(0.5 / 7)]);
    const k = tf.tidy(() => {
      const r = new RootMeanSquaredError();
      r.updateState(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]), tf.tensor1d([1, 0]));
      return r.result().dataSync()[0];
    });
    expect(k).toBeCloseTo(0.70710677, 6);
  });
});

describe('top-k accuracy', () => {
  /** Hit when fewer than k classes score strictly higher than the true one. */
  const topK = (labels: number[], scores: number[][], k: number) =>
    labels.map((c, i) => (scores[i].filter((s) => s > scores[i][c]).length < k ? 1 : 0));
  const labels = SPARSE.map((r) => r[0]);
  it('one-hot labels, k = 1 and 2 (ties at the boundary count as hits)', () => {
    for (const k of [1, 2]) {
      const want = weightedMean(topK(labels, SCORES, k), W);
      expectValues([scalarOf(new TopKCategoricalAccuracy({ k }), ONE_HOT, SCORES, W)], [want]);
    }
    // Sample 3 (all scores equal) is a hit even at k = 1.
    expect(topK(labels, SCORES, 1)[2]).toBe(1);
  });
  it('integer labels, [batch] or [batch, 1]; default k = 5 hits everything with 4 classes', () => {
    const want = weightedMean(topK(labels, SCORES, 2));
    expectValues([scalarOf(new SparseTopKCategoricalAccuracy({ k: 2 }), SPARSE, SCORES)], [want]);
    expectValues([scalarOf(new SparseTopKCategoricalAccuracy({ k: 2 }), labels, SCORES)], [want]);
    expectValues([scalarOf(new SparseTopKCategoricalAccuracy(), labels, SCORES)], [1]);
  });
  it('rejects k < 1', () => {
    expect(() => new TopKCategoricalAccuracy({ k: 0 })).toThrow(/k to be an integer >= 1/);
  });
});

describe('F1Score / FBetaScore', () => {
  const T3 = [[1, 1, 1], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]];
  const P3 = [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0], [0.3, 0.4, 0.35], [0.1, 0.9, 0.8], [0.55, 0.2, 0.45], [0, 0, 0]];

  /** Per-class weighted counts, with Keras' positive rule (threshold, or the row's top score if not 0). */
  function classCounts(threshold: number | null, weights?: number[]) {
    const k = T3[0].length;
    const c = Array.from({ length: k }, () => ({ tp: 0, fp: 0, fn: 0, support: 0 }));
    T3.forEach((row, i) => {
      const w = weights ? weights[i] : 1;
      const top = Math.max(...P3[i]);
      row.forEach((y, j) => {
        const pos = threshold === null ? P3[i][j] >= top && Math.abs(P3[i][j]) > 1e-9 : P3[i][j] > threshold;
        if (pos && y) c[j].tp += w;
        if (pos && !y) c[j].fp += w;
        if (!pos && y) c[j].fn += w;
        c[j].support += y * w;
      });
    });
    return c;
  }
  const fbeta = (tp: number, fp: number, fn: number, beta: number) => {
    const p = ratio(tp, tp + fp);
    const r = ratio(tp, tp + fn);
    return ratio((1 + beta * beta) * p * r, beta * beta * p + r);
  };

  it('per class (average null), from counts over all batches', () => {
    for (const [threshold, beta] of [[0.5, 1], [null, 1], [0.5, 2], [0.3, 0.5]] as Array<[number | null, number]>) {
      const cs = classCounts(threshold, W);
      const got = feed(new FBetaScore({ threshold, beta }), T3, P3, W);
      expect(got.shape).toEqual([3]);
      expectValues(got.values, cs.map((c) => fbeta(c.tp, c.fp, c.fn, beta)), 1e-5, 1e-6);
    }
  });

  it('micro, macro and weighted averages', () => {
    const cs = classCounts(0.5, W);
    const per = cs.map((c) => fbeta(c.tp, c.fp, c.fn, 1));
    const pooled = cs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    expectValues([scalarOf(new F1Score({ threshold: 0.5, average: 'micro' }), T3, P3, W)], [fbeta(pooled.tp, pooled.fp, pooled.fn, 1)]);
    expectValues([scalarOf(new F1Score({ threshold: 0.5, average: 'macro' }), T3, P3, W)], [sum(per) / 3]);
    const support = cs.map((c) => c.support);
    expectValues([scalarOf(new F1Score({ threshold: 0.5, average: 'weighted' }), T3, P3, W)], [sum(per.map((f, j) => f * support[j])) / sum(support)]);
  });

  it("Keras' documented examples", () => {
    const run = (m: Metric) =>
      tf.tidy(() => {
        m.updateState(tf.tensor2d([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tf.tensor2d([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]]));
        return Array.from(m.result().dataSync());
      });
    expectValues(run(new FBetaScore({ beta: 2, threshold: 0.5 })), [0.3846154, 0.90909094, 0.8333334]);
    expectValues(run(new F1Score({ threshold: 0.5 })), [0.5, 0.8, 0.6666667]);
  });

  it('names, config and validation', () => {
    expect(new F1Score().name).toBe('f1_score');
    expect(new FBetaScore().name).toBe('fbeta_score');
    expect(new F1Score({ average: 'macro' }).getConfig()).toEqual({ name: 'f1_score', average: 'macro', threshold: null });
    expect(() => new FBetaScore({ beta: 0 })).toThrow(/beta/);
    expect(() => new F1Score({ average: 'samples' as 'micro' })).toThrow(/average/);
    expect(() => new F1Score({ threshold: 1.5 })).toThrow(/threshold/);
    const m = new F1Score();
    expect(() => m.updateState(tf.ones([3]), tf.ones([3]))).toThrow(/\[batch, classes\]/);
  });
});

describe('MeanIoU / IoU', () => {
  /** IoU per class from a weighted confusion matrix; classes never seen are skipped. */
  function meanIou(labels: number[], preds: number[], weights: number[], classes: number, ids = [...Array(classes).keys()]): number {
    const cm = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    labels.forEach((y, i) => {
      if (y >= 0 && y < classes && preds[i] >= 0 && preds[i] < classes) cm[y][preds[i]] += weights[i];
    });
    const ious: number[] = [];
    for (const c of ids) {
      const union = sum(cm[c]) + sum(cm.map((row) => row[c])) - cm[c][c];
      if (union > 0) ious.push(cm[c][c] / union);
    }
    return sum(ious) / ious.length;
  }
  const labels = [0, 1, 2, 2, 1, 0, 3];
  const preds = [0, 2, 2, 1, 1, 0, 0];

  it('class-id predictions (Keras default), with weights; an absent class is skipped', () => {
    expectValues([scalarOf(new MeanIoU({ numClasses: 4 }), labels, preds)], [meanIou(labels, preds, labels.map(() => 1), 4)]);
    expectValues([scalarOf(new MeanIoU({ numClasses: 5 }), labels, preds, W)], [meanIou(labels, preds, W, 5)]);
  });

  it('scores or one-hot labels go through argmax; ignoreClass and out-of-range labels are not counted', () => {
    const argmaxPreds = SCORES.map((row) => row.indexOf(Math.max(...row)));
    const m = new MeanIoU({ numClasses: 4, sparseYTrue: false, sparseYPred: false });
    expectValues([scalarOf(m, ONE_HOT, SCORES)], [meanIou(SPARSE.map((r) => r[0]), argmaxPreds, W.map(() => 1), 4)]);
    const ignored = labels.map((y) => (y === 1 ? -1 : y));
    expectValues([scalarOf(new MeanIoU({ numClasses: 4, ignoreClass: 1 }), labels, preds, W)], [meanIou(ignored, preds, W, 4)]);
    const outOfRange = [0, 1, 7, 2, 1, 0, 3];
    expectValues([scalarOf(new MeanIoU({ numClasses: 4 }), outOfRange, preds)], [meanIou(outOfRange, preds, labels.map(() => 1), 4)]);
  });

  it("IoU over target classes; Keras' documented example", () => {
    expectValues([scalarOf(new IoU({ numClasses: 4, targetClassIds: [0, 2] }), labels, preds, W)], [meanIou(labels, preds, W, 4, [0, 2])]);
    const k = tf.tidy(() => {
      const m = new IoU({ numClasses: 2, targetClassIds: [0] });
      m.updateState(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 1, 0, 1]));
      return m.result().dataSync()[0];
    });
    expect(k).toBeCloseTo(0.33333334, 6);
    expect(() => new IoU({ numClasses: 2, targetClassIds: [2] })).toThrow(/targetClassIds/);
  });
});

describe('R2Score', () => {
  /** R² per column from its definition: 1 - SS_res / SS_tot around the weighted mean. */
  function r2Columns(t: number[][], p: number[][], w?: number[]) {
    const ws = w ?? t.map(() => 1);
    return t[0].map((_, j) => {
      const y = t.map((r) => r[j]);
      const mean = sum(y.map((v, i) => v * ws[i])) / sum(ws);
      const ssTot = sum(y.map((v, i) => ws[i] * (v - mean) ** 2));
      const ssRes = sum(y.map((v, i) => ws[i] * (v - p[i][j]) ** 2));
      return { r2: 1 - ssRes / ssTot, ssTot };
    });
  }

  it('uniform, variance-weighted and per-column aggregation over all batches', () => {
    const cols = r2Columns(REG_T, REG_P, W);
    expectValues([scalarOf(new R2Score(), REG_T, REG_P, W)], [sum(cols.map((c) => c.r2)) / 3], 1e-4);
    const vw = sum(cols.map((c) => c.r2 * c.ssTot)) / sum(cols.map((c) => c.ssTot));
    expectValues([scalarOf(new R2Score({ classAggregation: 'variance_weighted_average' }), REG_T, REG_P, W)], [vw], 1e-4);
    const none = feed(new R2Score({ classAggregation: null }), REG_T, REG_P);
    expect(none.shape).toEqual([3]);
    expectValues(none.values, r2Columns(REG_T, REG_P).map((c) => c.r2), 1e-4);
  });

  it('adjusted R² with numRegressors, n counting samples of non-zero weight', () => {
    const r2 = sum(r2Columns(REG_T, REG_P, W).map((c) => c.r2)) / 3;
    const n = W.filter((w) => w !== 0).length; // 6
    const p = 2;
    expectValues([scalarOf(new R2Score({ numRegressors: p }), REG_T, REG_P, W)], [1 - ((1 - r2) * (n - 1)) / (n - p - 1)], 1e-4);
    // p >= n - 1 falls back to the plain score, as Keras does.
    expectValues([scalarOf(new R2Score({ numRegressors: 5 }), REG_T, REG_P, W)], [r2], 1e-4);
  });

  it("Keras' documented example", () => {
    const k = tf.tidy(() => {
      const m = new R2Score();
      m.updateState(tf.tensor2d([[1], [4], [3]]), tf.tensor2d([[2], [4], [4]]));
      return m.result().dataSync()[0];
    });
    expect(k).toBeCloseTo(0.57142854, 6);
  });
});

describe('every new metric', () => {
  const makers: Array<() => Metric> = [
    () => new MeanAbsolutePercentageError(),
    () => new RootMeanSquaredError(),
    () => new CosineSimilarity({ axis: -1 }),
    () => new TopKCategoricalAccuracy({ k: 3 }),
    () => new Precision({ thresholds: [0.2, 0.7], classId: 1 }),
    () => new Recall({ topK: 2 }),
    () => new AUC({ curve: 'PR', summationMethod: 'majoring', numThresholds: 20 }),
    () => new F1Score({ average: 'weighted', threshold: 0.4 }),
    () => new FBetaScore({ beta: 2 }),
    () => new MeanIoU({ numClasses: 3, ignoreClass: 0 }),
    () => new IoU({ numClasses: 3, targetClassIds: [1, 2] }),
    () => new R2Score({ classAggregation: null, numRegressors: 1 }),
    () => new TruePositives({ thresholds: 0.3 }),
  ];

  it('round-trips its config through the metrics registry', () => {
    for (const make of makers) {
      const m = make();
      const copy = deserializeMetric(JSON.parse(JSON.stringify(serialize(m))));
      expect(copy.getClassName()).toBe(m.getClassName());
      expect(copy.getConfig()).toEqual(m.getConfig());
      m.dispose();
      copy.dispose();
    }
  });

  it('resetState starts the epoch over; nothing is read back during updates', () => {
    const proto = tf.Tensor.prototype;
    const m = new AUC();
    const spies = [vi.spyOn(proto, 'dataSync'), vi.spyOn(proto, 'data'), vi.spyOn(proto, 'arraySync'), vi.spyOn(proto, 'array')];
    tf.tidy(() => m.updateState(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    m.resetState();
    expectValues([scalarOf(m, BIN_T, BIN_P)], [scalarOf(new AUC(), BIN_T, BIN_P)]);
  });

  it('getMetric resolves tfjs, Keras and short names', () => {
    const cases: Array<[string, string]> = [
      ['precision', 'Precision'],
      ['recall', 'Recall'],
      ['auc', 'AUC'],
      ['AUC', 'AUC'],
      ['mape', 'MeanAbsolutePercentageError'],
      ['MSLE', 'MeanSquaredLogarithmicError'],
      ['rmse', 'RootMeanSquaredError'],
      ['root_mean_squared_error', 'RootMeanSquaredError'],
      ['logcosh', 'LogCoshError'],
      ['cosineProximity', 'CosineSimilarity'],
      ['cosine_similarity', 'CosineSimilarity'],
      ['r2Score', 'R2Score'],
      ['hinge', 'Hinge'],
      ['squared_hinge', 'SquaredHinge'],
      ['categoricalHinge', 'CategoricalHinge'],
      ['kld', 'KLDivergence'],
      ['kullbackLeiblerDivergence', 'KLDivergence'],
      ['poisson', 'Poisson'],
      ['topKCategoricalAccuracy', 'TopKCategoricalAccuracy'],
      ['sparse_top_k_categorical_accuracy', 'SparseTopKCategoricalAccuracy'],
      ['f1_score', 'F1Score'],
      ['fbetaScore', 'FBetaScore'],
      ['truePositives', 'TruePositives'],
      ['false_negatives', 'FalseNegatives'],
    ];
    for (const [name, className] of cases) {
      const m = getMetric(name);
      expect(m.getClassName()).toBe(className);
      expect(m.name).toBe(name);
      m.dispose();
    }
    expect(() => getMetric('f2_score')).toThrow(ValueError);
  });
});
