// Shared helpers for the optimizer tests: a tolerance check and a tiny quadratic problem.
import { expect } from 'vitest';
import { tf } from '../../src/runtime/tf.js';

/** Elementwise |a - e| <= rtol * |e| + atol. */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], rtol = 1e-5, atol = 1e-7): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = rtol * Math.abs(expected[i]) + atol;
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (tol ${tol}); all: [${Array.from(actual)}] vs [${expected}]`);
    }
  }
}

export function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Target of the quadratic loss sum((w - C)^2); its gradient is 2 (w - C). */
export const C = [0.5, -1.5, 2.0];

export function quadraticGradJs(w: readonly number[]): number[] {
  return w.map((x, i) => 2 * (x - C[i]));
}

export function quadraticGradTf(w: tf.Variable): tf.Tensor {
  return tf.tidy(() => tf.mul(2, tf.sub(w, tf.tensor1d(C))));
}

export function maxDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i])));
}
