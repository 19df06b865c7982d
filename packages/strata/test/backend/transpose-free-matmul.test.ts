import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

/** Plain-JS reference: C = op(A)·op(B) for 2-D row-major arrays. */
function matMulByHand(a: number[][], b: number[][], transposeA: boolean, transposeB: boolean): number[][] {
  const A = transposeA ? a[0].map((_, j) => a.map((row) => row[j])) : a;
  const B = transposeB ? b[0].map((_, j) => b.map((row) => row[j])) : b;
  return A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)));
}

describe('wasm BatchMatMul with transposed operands', () => {
  beforeAll(async () => {
    await st.useBackend('wasm');
  });
  afterAll(async () => {
    await st.useBackend('cpu');
  });

  const a = [[1, 2, 3], [4, 5, 6]];
  const b = [[7, 8, 9], [10, 11, 12]];
  for (const [ta, tb, left, right] of [
    [true, false, a, b],
    [false, true, a, b],
    [true, true, [[1, 2], [3, 4], [5, 6]], [[1, 0, 2], [0, 1, 3]]],
  ] as const) {
    it(`transposeA=${ta} transposeB=${tb} equals the product by hand, on wasm`, () => {
      const before = tf.memory().numTensors;
      const result = tf.matMul(tf.tensor2d(left as number[][]), tf.tensor2d(right as number[][]), ta, tb);
      expect(tf.getBackend()).toBe('wasm');
      expect(result.arraySync()).toEqual(matMulByHand(left as number[][], right as number[][], ta, tb));
      tf.dispose(result);
      // Two inputs were created and are still alive (tf.matMul does not dispose them); the
      // explicit transposes inside the kernel must not outlive it.
      expect(tf.memory().numTensors).toBe(before + 2);
    });
  }

  it('handles batched (rank-3) operands', () => {
    const x = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const y = tf.tensor3d([[[1, 0], [0, 1]], [[2, 1], [1, 2]]]);
    const got = tf.matMul(x, y, true, false).arraySync();
    expect(got).toEqual([matMulByHand([[1, 2], [3, 4]], [[1, 0], [0, 1]], true, false), matMulByHand([[5, 6], [7, 8]], [[2, 1], [1, 2]], true, false)]);
    tf.dispose([x, y]);
  });
});
