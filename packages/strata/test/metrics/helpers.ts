// Shared by the stateful-metric tests: feeding batches of 1, 2 and 4 samples, tolerances, data.
import { expect } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import type { Metric } from '../../src/metrics/index.js';

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const SPLITS: Array<[number, number]> = [
  [0, 1],
  [1, 3],
  [3, 7],
];

/** Feeds rows [from, to) of each split; returns the result's values and shape. Checks leaks. */
export function feed(metric: Metric, yTrue: number[][] | number[], yPred: number[][] | number[], weights?: number[]): { values: number[]; shape: number[] } {
  const before = tf.memory().numTensors;
  const owned = metric.variables.length;
  for (const [from, to] of SPLITS) {
    const t = tf.tensor(yTrue.slice(from, to) as number[][]);
    const p = tf.tensor(yPred.slice(from, to) as number[][]);
    const w = weights ? tf.tensor1d(weights.slice(from, to)) : undefined;
    metric.updateState(t, p, w);
    tf.dispose([t, p, ...(w ? [w] : [])]);
  }
  const r = metric.result();
  const out = { values: Array.from(r.dataSync()), shape: r.shape };
  r.dispose();
  // Only state variables created on the first batch (classes known from the data) may remain.
  expect(tf.memory().numTensors - before).toBe(metric.variables.length - owned);
  return out;
}

export function expectValues(actual: number[], expected: number[], rtol = 1e-5, atol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const tol = rtol * Math.abs(expected[i]) + atol;
    if (!(Math.abs(a - expected[i]) <= tol)) throw new Error(`element ${i}: got ${a}, expected ${expected[i]}; all [${actual}] vs [${expected}]`);
  });
}

export function scalarOf(metric: Metric, yTrue: number[][] | number[], yPred: number[][] | number[], weights?: number[]): number {
  const { values, shape } = feed(metric, yTrue, yPred, weights);
  expect(shape).toEqual([]);
  return values[0];
}

export const weightedMean = (values: number[], weights?: number[]) =>
  weights ? sum(values.map((v, i) => v * weights[i])) / sum(weights) : sum(values) / values.length;

// Seven samples.
export const W = [0.5, 2, 1, 0, 1.5, 1, 3];
export const REG_T = [[0, 1, 2], [1, 1, 1], [3, 0.5, 0.5], [0.2, 0.1, 4], [2, 2, 0], [1.5, 0.5, 3], [0.3, 0.7, 1.1]];
export const REG_P = [[1, 1.5, 0.1], [0.5, 2, 1], [3.1, 1, 0.5], [0.25, 0.01, 1], [2.5, 1, 0.2], [1, 1, 2], [0.5, 0.5, 1.5]];
export const ONE_HOT = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0]];
export const SPARSE = ONE_HOT.map((row) => [row.indexOf(1)]);
export const SCORES = [
  [0.4, 0.3, 0.2, 0.1],
  [0.5, 0.1, 0.3, 0.1],
  [0.25, 0.25, 0.25, 0.25],
  [0.6, 0.2, 0.15, 0.05],
  [0.1, 0.2, 0.3, 0.4],
  [0.05, 0.15, 0.3, 0.5],
  [0.3, 0.3, 0.1, 0.3],
];
export const DIST_T = [[0.2, 0.8, 0], [0.5, 0.25, 0.25], [1, 0, 0], [0.1, 0.1, 0.8], [0, 0, 1], [0.3, 0.3, 0.4], [0.6, 0.4, 0]];
export const DIST_P = [[0.3, 0.6, 0.1], [0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.2, 0.2, 0.6], [0.1, 0.1, 0.8], [0.25, 0.5, 0.25], [0.5, 0.4, 0.1]];


export const BIN_T = [1, 0, 1, 1, 0, 0, 1];
export const BIN_P = [0.9, 0.6, 0.35, 0.52, 0.1, 0.45, 0.75];

/** Weighted confusion counts with "positive when > threshold". */
export function confusion(labels: number[], preds: number[], weights: number[] | undefined, threshold: number) {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  labels.forEach((y, i) => {
    const w = weights ? weights[i] : 1;
    const pos = preds[i] > threshold;
    if (y !== 0 && pos) c.tp += w;
    else if (y === 0 && pos) c.fp += w;
    else if (y !== 0) c.fn += w;
    else c.tn += w;
  });
  return c;
}
export const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

