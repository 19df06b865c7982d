import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { indices, moments, seeded } from './reference.js';

const { tf } = st;
const EPS = 1e-3;

/**
 * Reference layer normalization: statistics per sample over `axes`; gamma/beta indexed by the
 * entry's position on those axes (row-major over the axes in the given order).
 */
function layerNormReference(values: number[], shape: number[], axes: number[], gamma: number[] | null, beta: number[] | null, rms = false): number[] {
  const stats = moments(values, shape, axes);
  return indices(shape).map((idx, i) => {
    let p = 0;
    for (const a of axes) p = p * shape[a] + idx[a];
    const g = gamma ? gamma[p] : 1;
    const b = beta ? beta[p] : 0;
    if (rms) return (values[i] * g) / Math.sqrt(stats.variance(i) + EPS);
    return (g * (values[i] - stats.mean(i))) / Math.sqrt(stats.variance(i) + EPS) + b;
  });
}

{
  const x = [
    [1, 2, 3, 4],
    [-2, 0, 2, 10],
    [0.5, 0.5, 0.5, 1.5],
  ];
  const gamma = [1, 2, 0.5, -1];
  const beta = [0, 0.1, -0.2, 0.3];
  runLayerTest({
    name: 'layerNormalization on [3, 4] (last axis), hand-computed',
    make: () => st.layers.layerNormalization(),
    inputShape: [3, 4],
    expectedOutputShape: [3, 4],
    expectedWeightShapes: [[4], [4]],
    expectedOutput: { input: x, weights: [gamma, beta], output: layerNormReference(x.flat(), [3, 4], [1], gamma, beta), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

{
  const shape = [2, 3, 4];
  const values = seeded(24, 11, 2);
  const gamma = seeded(12, 12, 0.5, 1);
  const beta = seeded(12, 13, 0.5);
  runLayerTest({
    name: 'layerNormalization over axes [1, 2] of [2, 3, 4]',
    make: () => st.layers.layerNormalization({ axis: [1, 2] }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[3, 4], [3, 4]],
    expectedOutput: { input: values, weights: [gamma, beta], output: layerNormReference(values, shape, [1, 2], gamma, beta), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

{
  const shape = [2, 3, 4];
  const values = seeded(24, 14, 2);
  const gamma = [2, -1, 0.5];
  runLayerTest({
    name: 'layerNormalization axis 1 of [2, 3, 4], center: false',
    make: () => st.layers.layerNormalization({ axis: 1, center: false }),
    inputShape: shape,
    expectedOutputShape: shape,
    expectedWeightShapes: [[3]],
    expectedOutput: { input: values, weights: [gamma], output: layerNormReference(values, shape, [1], gamma, null), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

runLayerTest({
  name: 'layerNormalization without gamma and beta',
  make: () => st.layers.layerNormalization({ center: false, scale: false }),
  inputShape: [2, 5],
  expectedOutputShape: [2, 5],
  expectedOutput: {
    input: [[1, 2, 3, 4, 5], [0, 0, 0, 0, 1]],
    output: layerNormReference([1, 2, 3, 4, 5, 0, 0, 0, 0, 1], [2, 5], [1], null, null),
    tolerance: { atol: 1e-5, rtol: 1e-4 },
  },
});

{
  const values = seeded(12, 15, 2, 1);
  const gamma = [0.5, 1, 2, -1];
  runLayerTest({
    name: 'layerNormalization rmsScaling (Keras: x·gamma/sqrt(var + eps), gamma only)',
    make: () => st.layers.layerNormalization({ rmsScaling: true }),
    inputShape: [3, 4],
    expectedOutputShape: [3, 4],
    expectedWeightShapes: [[4]],
    expectedOutput: { input: values, weights: [gamma], output: layerNormReference(values, [3, 4], [1], gamma, null, true), tolerance: { atol: 1e-5, rtol: 1e-4 } },
  });
}

describe('LayerNormalization', () => {
  it('is the same in training and inference, and per sample (independent of the batch)', () => {
    const layer = st.layers.layerNormalization();
    const x = tf.tensor2d(seeded(8, 3, 2), [2, 4]);
    const first = tf.slice(x, [0, 0], [1, 4]);
    const a = layer.apply(x, { training: false });
    const b = layer.apply(x, { training: true });
    const c = layer.apply(first);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(c.dataSync())).toEqual(Array.from(a.dataSync()).slice(0, 4));
    tf.dispose([x, first, a, b, c]);
    layer.dispose();
  });

  it('keeps the axis as given in its config (Keras 3 defaults)', () => {
    expect(st.layers.layerNormalization().getConfig()).toMatchObject({ axis: -1, epsilon: 1e-3, center: true, scale: true, rmsScaling: false });
    expect(st.layers.layerNormalization({ axis: [1, 2] }).getConfig().axis).toEqual([1, 2]);
  });

  it('passes a mask through', () => {
    const layer = st.layers.layerNormalization();
    expect(layer.supportsMasking).toBe(true);
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => st.layers.layerNormalization({ epsilon: 0 })).toThrow(/'epsilon' must be a finite number > 0, found 0/);
    expect(() => st.layers.layerNormalization({ axis: 'last' as unknown as number })).toThrow(/'axis' must be an integer or a non-empty list of integers/);
    expect(() => st.layers.layerNormalization({ axis: [] })).toThrow(/'axis'/);
    const x = tf.zeros([2, 3, 4]);
    expect(() => st.layers.layerNormalization({ axis: 3 }).apply(x)).toThrow(/'axis' 3 is out of range for an input of rank 3/);
    expect(() => st.layers.layerNormalization({ axis: [1, -2] }).apply(x)).toThrow(/names an axis twice/);
    x.dispose();
  });
});
