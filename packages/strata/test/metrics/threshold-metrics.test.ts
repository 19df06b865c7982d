// Threshold metrics (the confusion counts, Precision, Recall, AUC) accumulated over batches of
// 1, 2 and 4 samples, against counts and curves worked by hand in JS, and Keras' examples.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import {
  AUC,
  FalseNegatives,
  FalsePositives,
  Precision,
  Recall,
  TrueNegatives,
  TruePositives,
  type Metric,
} from '../../src/metrics/index.js';
import { BIN_P, BIN_T, SCORES, W, confusion, expectValues, feed, ratio, scalarOf } from './helpers.js';

describe('Precision / Recall / confusion counts', () => {
  it('one threshold (0.5 by default) gives a scalar; counts over all batches', () => {
    const c = confusion(BIN_T, BIN_P, undefined, 0.5);
    expectValues([scalarOf(new Precision(), BIN_T, BIN_P)], [c.tp / (c.tp + c.fp)]);
    expectValues([scalarOf(new Recall(), BIN_T, BIN_P)], [c.tp / (c.tp + c.fn)]);
    const cw = confusion(BIN_T, BIN_P, W, 0.5);
    expectValues([scalarOf(new Precision(), BIN_T, BIN_P, W)], [cw.tp / (cw.tp + cw.fp)]);
    expectValues([scalarOf(new Recall(), BIN_T, BIN_P, W)], [cw.tp / (cw.tp + cw.fn)]);
    expectValues([scalarOf(new TruePositives(), BIN_T, BIN_P, W)], [cw.tp]);
    expectValues([scalarOf(new FalsePositives(), BIN_T, BIN_P, W)], [cw.fp]);
    expectValues([scalarOf(new TrueNegatives(), BIN_T, BIN_P, W)], [cw.tn]);
    expectValues([scalarOf(new FalseNegatives(), BIN_T, BIN_P, W)], [cw.fn]);
  });

  it('several thresholds give one value per threshold (evenly spaced ones too)', () => {
    // 0.35 and 0.6 are predictions too: a prediction equal to a threshold is not positive.
    for (const thresholds of [[0.3, 0.5, 0.8], [0, 0.5, 1], [0.4], [0.35, 0.6]]) {
      const cs = thresholds.map((th) => confusion(BIN_T, BIN_P, W, th));
      const precision = feed(new Precision({ thresholds }), BIN_T, BIN_P, W);
      const recall = feed(new Recall({ thresholds }), BIN_T, BIN_P, W);
      expect(precision.shape).toEqual(thresholds.length === 1 ? [] : [thresholds.length]);
      expectValues(precision.values, cs.map((c) => ratio(c.tp, c.tp + c.fp)));
      expectValues(recall.values, cs.map((c) => ratio(c.tp, c.tp + c.fn)));
      expectValues(feed(new TrueNegatives({ thresholds }), BIN_T, BIN_P, W).values, cs.map((c) => c.tn));
    }
  });

  it('multi-label data counts every label; classId picks one column', () => {
    const t = [[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 1, 1]];
    const p = [[0.8, 0.2, 0.4], [0.3, 0.9, 0.6], [0.7, 0.4, 0.1], [0.2, 0.3, 0.55], [0.6, 0.7, 0.2], [0.1, 0.8, 0.9], [0.45, 0.65, 0.3]];
    const flat = (m: number[][]) => m.flat();
    const rowW = W.flatMap((w) => [w, w, w]);
    const c = confusion(flat(t), flat(p), rowW, 0.5);
    expectValues([scalarOf(new Precision(), t, p, W)], [c.tp / (c.tp + c.fp)]);
    const col = (m: number[][], j: number) => m.map((row) => row[j]);
    const c1 = confusion(col(t, 1), col(p, 1), W, 0.5);
    expectValues([scalarOf(new Recall({ classId: 1 }), t, p, W)], [c1.tp / (c1.tp + c1.fn)]);
    expectValues([scalarOf(new Precision({ classId: 1 }), t, p, W)], [c1.tp / (c1.tp + c1.fp)]);
  });

  it('topK keeps only the k highest scores of each sample as candidates', () => {
    const t = [[1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0]];
    // Top-2 per row, then every kept prediction counts as positive (threshold -inf).
    const top2 = SCORES.map((row) => {
      const order = row.map((v, j) => [v, j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      return new Set([order[0][1], order[1][1]]);
    });
    let tp = 0;
    let fp = 0;
    let fn = 0;
    t.forEach((row, i) =>
      row.forEach((y, j) => {
        const pos = top2[i].has(j);
        if (pos && y) tp += 1;
        if (pos && !y) fp += 1;
        if (!pos && y) fn += 1;
      }),
    );
    expectValues([scalarOf(new Precision({ topK: 2 }), t, SCORES)], [tp / (tp + fp)]);
    expectValues([scalarOf(new Recall({ topK: 2 }), t, SCORES)], [tp / (tp + fn)]);
  });

  it("Keras' documented examples", () => {
    const run = (m: Metric, t: number[], p: number[], w?: number[]) =>
      tf.tidy(() => {
        m.updateState(tf.tensor1d(t), tf.tensor1d(p), w ? tf.tensor1d(w) : undefined);
        return m.result().dataSync()[0];
      });
    expect(run(new Precision(), [0, 1, 1, 1], [1, 0, 1, 1])).toBeCloseTo(0.6666667, 6);
    expect(run(new Precision(), [0, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0])).toBeCloseTo(1, 6);
    expect(run(new Precision({ topK: 2 }), [0, 0, 1, 1], [1, 1, 1, 1])).toBeCloseTo(0, 6);
    expect(run(new Precision({ topK: 4 }), [0, 0, 1, 1], [1, 1, 1, 1])).toBeCloseTo(0.5, 6);
    expect(run(new Recall(), [0, 1, 1, 1], [1, 0, 1, 1])).toBeCloseTo(0.6666667, 6);
    expect(run(new Recall(), [0, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0])).toBeCloseTo(1, 6);
  });

  it('rejects thresholds outside [0, 1] and bad topK / classId', () => {
    expect(() => new Precision({ thresholds: [0.5, 1.5] })).toThrow(/thresholds/);
    expect(() => new Recall({ topK: 0 })).toThrow(/topK/);
    expect(() => new Recall({ classId: -1 })).toThrow(/classId/);
    const m = new Precision({ classId: 5 });
    expect(() => m.updateState(tf.ones([2, 3]), tf.ones([2, 3]))).toThrow(/classId 5/);
  });
});

describe('AUC', () => {
  /** Keras' thresholds: -eps, i/(n-1) for i = 1..n-2, 1 + eps. */
  const aucThresholds = (n: number) => [-1e-7, ...Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1)), 1 + 1e-7];

  function curve(labels: number[], preds: number[], weights: number[] | undefined, n: number) {
    return aucThresholds(n).map((th) => confusion(labels, preds, weights, th));
  }

  /** The Riemann sum of Keras' result(), written out. */
  function riemann(cs: ReturnType<typeof curve>, kind: 'ROC' | 'PR', method: 'interpolation' | 'minoring' | 'majoring'): number {
    const recall = cs.map((c) => ratio(c.tp, c.tp + c.fn));
    const x = kind === 'ROC' ? cs.map((c) => ratio(c.fp, c.fp + c.tn)) : recall;
    const y = kind === 'ROC' ? recall : cs.map((c) => ratio(c.tp, c.tp + c.fp));
    let area = 0;
    for (let i = 0; i < cs.length - 1; i++) {
      const h = method === 'interpolation' ? (y[i] + y[i + 1]) / 2 : method === 'minoring' ? Math.min(y[i], y[i + 1]) : Math.max(y[i], y[i + 1]);
      area += (x[i] - x[i + 1]) * h;
    }
    return area;
  }

  /** Davis & Goadrich interpolation between thresholds (PR, 'interpolation'). */
  function prInterpolated(cs: ReturnType<typeof curve>): number {
    let area = 0;
    for (let i = 0; i < cs.length - 1; i++) {
      const [a, b] = [cs[i], cs[i + 1]];
      const dtp = a.tp - b.tp;
      const pA = a.tp + a.fp;
      const pB = b.tp + b.fp;
      const slope = ratio(dtp, Math.max(pA - pB, 0));
      const intercept = b.tp - slope * pB;
      const logRatio = pA > 0 && pB > 0 ? Math.log(pA / pB) : 0;
      area += ratio(slope * (dtp + intercept * logRatio), Math.max(b.tp + b.fn, 0));
    }
    return area;
  }

  it("Keras' documented example: 3 thresholds, 0.75; with weights, 1.0", () => {
    const run = (w?: number[]) =>
      tf.tidy(() => {
        const m = new AUC({ numThresholds: 3 });
        m.updateState(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 0.5, 0.3, 0.9]), w ? tf.tensor1d(w) : undefined);
        const r = m.result().dataSync()[0];
        m.dispose();
        return r;
      });
    expect(run()).toBeCloseTo(0.75, 6);
    expect(run([1, 0, 0, 1])).toBeCloseTo(1, 6);
  });

  it('ROC: trapezoids over 200 thresholds, accumulated over batches, with weights', () => {
    expectValues([scalarOf(new AUC(), BIN_T, BIN_P)], [riemann(curve(BIN_T, BIN_P, undefined, 200), 'ROC', 'interpolation')]);
    expectValues([scalarOf(new AUC(), BIN_T, BIN_P, W)], [riemann(curve(BIN_T, BIN_P, W, 200), 'ROC', 'interpolation')]);
  });

  it('ROC with well-separated scores equals the rank statistic P(score+ > score-)', () => {
    let wins = 0;
    const pos = BIN_P.filter((_, i) => BIN_T[i] === 1);
    const neg = BIN_P.filter((_, i) => BIN_T[i] === 0);
    for (const a of pos) for (const b of neg) wins += a > b ? 1 : 0;
    expectValues([scalarOf(new AUC(), BIN_T, BIN_P)], [wins / (pos.length * neg.length)]);
  });

  it('minoring / majoring, PR curves, few thresholds and explicit thresholds', () => {
    for (const method of ['minoring', 'majoring'] as const) {
      for (const kind of ['ROC', 'PR'] as const) {
        const want = riemann(curve(BIN_T, BIN_P, W, 7), kind, method);
        expectValues([scalarOf(new AUC({ numThresholds: 7, curve: kind, summationMethod: method }), BIN_T, BIN_P, W)], [want]);
      }
    }
    expectValues([scalarOf(new AUC({ numThresholds: 7, curve: 'PR' }), BIN_T, BIN_P, W)], [prInterpolated(curve(BIN_T, BIN_P, W, 7))]);
    expectValues([scalarOf(new AUC({ curve: 'PR' }), BIN_T, BIN_P)], [prInterpolated(curve(BIN_T, BIN_P, undefined, 200))]);
    // Uneven explicit thresholds: compared by > directly.
    const thresholds = [0.2, 0.5, 0.7];
    const cs = [-1e-7, ...thresholds, 1 + 1e-7].map((th) => confusion(BIN_T, BIN_P, W, th));
    expectValues([scalarOf(new AUC({ thresholds }), BIN_T, BIN_P, W)], [riemann(cs, 'ROC', 'interpolation')]);
  });

  it('fromLogits applies a sigmoid; multiLabel averages the label AUCs (optionally weighted)', () => {
    const logits = BIN_P.map((p) => Math.log(p / (1 - p)));
    expectValues([scalarOf(new AUC({ fromLogits: true }), BIN_T, logits)], [riemann(curve(BIN_T, BIN_P, undefined, 200), 'ROC', 'interpolation')]);
    const t2 = BIN_T.map((y, i) => [y, [0, 1, 1, 0, 1, 0, 0][i]]);
    const p2 = BIN_P.map((p, i) => [p, [0.2, 0.7, 0.55, 0.4, 0.9, 0.35, 0.15][i]]);
    const perLabel = [0, 1].map((j) => riemann(curve(t2.map((r) => r[j]), p2.map((r) => r[j]), W, 50), 'ROC', 'interpolation'));
    const multi = feed(new AUC({ numThresholds: 50, multiLabel: true }), t2, p2, W);
    expectValues(multi.values, [(perLabel[0] + perLabel[1]) / 2]);
    const weighted = feed(new AUC({ numThresholds: 50, multiLabel: true, numLabels: 2, labelWeights: [1, 3] }), t2, p2, W);
    expectValues(weighted.values, [(perLabel[0] + 3 * perLabel[1]) / 4]);
  });

  it('validates its options', () => {
    expect(() => new AUC({ numThresholds: 1 })).toThrow(/numThresholds/);
    expect(() => new AUC({ curve: 'XY' as 'ROC' })).toThrow(/curve/);
    expect(() => new AUC({ numLabels: 3 })).toThrow(/multiLabel/);
  });
});

