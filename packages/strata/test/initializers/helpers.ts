import { expect } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import type { Initializer } from '../../src/initializers/index.js';

export type Stats = { n: number; mean: number; std: number; min: number; max: number; values: Float32Array };

/** Draws once and summarizes in float64; asserts no tensor but the output was created. */
export function draw(init: Initializer, shape: number[]): Stats {
  const before = tf.memory().numTensors;
  const t = init.apply(shape);
  expect(tf.memory().numTensors).toBe(before + 1);
  expect(t.shape).toEqual(shape);
  expect(t.dtype).toBe('float32');
  const values = t.dataSync() as Float32Array;
  t.dispose();
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { n, mean, std: Math.sqrt(sq / n), min, max, values: Float32Array.from(values) };
}

/** Sample mean within 5 standard errors, sample std within `relTol` of the expected std. */
export function expectMoments(s: Stats, mean: number, std: number, relTol = 0.04): void {
  expect(Math.abs(s.mean - mean)).toBeLessThan((5 * std) / Math.sqrt(s.n));
  expect(Math.abs(s.std / std - 1)).toBeLessThan(relTol);
}

export function values(init: Initializer, shape: number[]): number[] {
  const t = init.apply(shape);
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
}
