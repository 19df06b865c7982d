import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { indices, seeded } from './reference.js';

const { tf } = st;
const EPS = 1e-3;

/**
 * Reference group normalization: channel c of `axis` belongs to group floor(c / (C / groups));
 * statistics per (sample, group) over the group's channels and every other non-batch axis.
 */
function groupNormReference(values: number[], shape: number[], axis: number, groups: number, gamma: number[], beta: number[]): number[] {
  const perGroup = shape[axis] / groups;
  const all = indices(shape);
  const key = (idx: number[]) => `${idx[0]}:${Math.floor(idx[axis] / perGroup)}`;
  const groupsOf = new Map<string, number[]>();
  all.forEach((idx, i) => groupsOf.set(key(idx), [...(groupsOf.get(key(idx)) ?? []), values[i]]));
  return all.map((idx, i) => {
    const members = groupsOf.get(key(idx))!;
    const mean = members.reduce((s, v) => s + v, 0) / members.length;
    const variance = members.reduce((s, v) => s + (v - mean) ** 2, 0) / members.length;
    const c = idx[axis];
    return (gamma[c] * (values[i] - mean)) / Math.sqrt(variance + EPS) + beta[c];
  });
}

{
  const shape = [2, 3, 4];
  const values = seeded(24, 21, 2);
  const gamma = [1, 2, 0.5, -1];
  const beta = [0, 0.1, -0.2, 0.3];
  runLayerTest({
    name: 'groupNormalization 2 groups of 2 channels on [2, 3, 4]',
    make: () => st.layers.groupNormalization({ groups: 2 }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[4], [4]],
    expectedOutput: { input: values, weights: [gamma, beta], output: groupNormReference(values, shape, 2, 2, gamma, beta), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
  runLayerTest({
    name: 'groupNormalization groups -1 (instance normalization) on [2, 3, 4]',
    make: () => st.layers.groupNormalization({ groups: -1 }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[4], [4]],
    expectedOutput: { input: values, weights: [gamma, beta], output: groupNormReference(values, shape, 2, 4, gamma, beta), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

{
  // Channels first, rank 4: axis 1 with 6 channels in 3 groups.
  const shape = [2, 6, 2, 2];
  const values = seeded(48, 22, 1.5, 0.2);
  const gamma = seeded(6, 23, 0.5, 1);
  const beta = seeded(6, 24, 0.5);
  runLayerTest({
    name: 'groupNormalization axis 1, 3 groups on [2, 6, 2, 2]',
    make: () => st.layers.groupNormalization({ groups: 3, axis: 1 }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[6], [6]],
    expectedOutput: { input: values, weights: [gamma, beta], output: groupNormReference(values, shape, 1, 3, gamma, beta), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

runLayerTest({
  name: 'groupNormalization 1 group, no beta, on [3, 4]',
  make: () => st.layers.groupNormalization({ groups: 1, center: false }),
  inputShape: [3, 4],
  expectedOutputShape: [3, 4],
  expectedWeightShapes: [[4]],
});

/** x / sqrt(max(Σx², 1e-12)) over the given axes, per kept index. */
function unitNormReference(values: number[], shape: number[], axes: number[]): number[] {
  const all = indices(shape);
  const key = (idx: number[]) => idx.filter((_, d) => !axes.includes(d)).join(',');
  const sums = new Map<string, number>();
  all.forEach((idx, i) => sums.set(key(idx), (sums.get(key(idx)) ?? 0) + values[i] ** 2));
  return all.map((idx, i) => values[i] / Math.sqrt(Math.max(sums.get(key(idx))!, 1e-12)));
}

runLayerTest({
  name: 'unitNormalization on [2, 3] (last axis), hand-computed',
  make: () => st.layers.unitNormalization(),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  // [3, 4, 0] has norm 5; [1, 2, 2] has norm 3.
  expectedOutput: { input: [[3, 4, 0], [1, 2, 2]], output: [[0.6, 0.8, 0], [1 / 3, 2 / 3, 2 / 3]] },
});

runLayerTest({
  name: 'unitNormalization over axes [1, 2] of [2, 3, 2]',
  make: () => st.layers.unitNormalization({ axis: [1, 2] }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 2],
  expectedOutput: { input: seeded(12, 30, 2), output: unitNormReference(seeded(12, 30, 2), [2, 3, 2], [1, 2]) },
});

describe('GroupNormalization errors', () => {
  it('refuses groups that are not a positive integer or -1, at construction', () => {
    for (const groups of [0, -2, 1.5]) {
      expect(() => st.layers.groupNormalization({ groups })).toThrow(/'groups' must be a positive integer or -1, found/);
    }
  });

  it('refuses groups that do not divide the channels, at build', () => {
    const x = tf.zeros([2, 6]);
    for (const groups of [4, 12]) {
      expect(() => st.layers.groupNormalization({ groups }).apply(x)).toThrow(
        new RegExp(`'groups' \\(${groups}\\) must divide the number of channels on axis -1, found 6 channels`),
      );
    }
    // The Keras default of 32 groups needs at least 32 channels.
    expect(() => st.layers.groupNormalization().apply(x)).toThrow(/'groups' \(32\)/);
    x.dispose();
  });

  it('refuses an axis out of range and epsilon <= 0', () => {
    const x = tf.zeros([2, 4]);
    expect(() => st.layers.groupNormalization({ groups: 2, axis: 2 }).apply(x)).toThrow(/'axis' 2 is out of range for an input of rank 2/);
    expect(() => st.layers.groupNormalization({ groups: 2, epsilon: -1 })).toThrow(/'epsilon'/);
    x.dispose();
  });

  it('keeps groups: -1 in its config', () => {
    const layer = st.layers.groupNormalization({ groups: -1 });
    const x = tf.zeros([1, 3]);
    tf.dispose(layer.apply(x));
    expect(layer.getConfig()).toMatchObject({ groups: -1, axis: -1, epsilon: 1e-3 });
    x.dispose();
    layer.dispose();
  });
});

describe('UnitNormalization', () => {
  it('maps an all-zero row to zeros (no NaN)', () => {
    const layer = st.layers.unitNormalization();
    const x = tf.tensor2d([[0, 0, 0], [0, 3, 4]]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync()).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0, 0, 0, 0.6, 0.8]);
    tf.dispose([x, y]);
  });

  it('refuses a bad axis', () => {
    expect(() => st.layers.unitNormalization({ axis: 0.5 })).toThrow(/'axis' must be an integer or a non-empty list of integers/);
    const x = tf.zeros([2, 3]);
    expect(() => st.layers.unitNormalization({ axis: 2 }).apply(x)).toThrow(/'axis' 2 is out of range/);
    x.dispose();
  });
});
