import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

/** Gradient of sum(maxPool(x) * weights) w.r.t. x, worked by hand: each window's first maximum gets its weight. */
function byHand(x: number[][], pool: number, weights: number[][], padTop = 0, padLeft = 0): number[][] {
  const g = x.map((row) => row.map(() => 0));
  weights.forEach((wRow, i) =>
    wRow.forEach((w, j) => {
      let best = -Infinity;
      let at: [number, number] | null = null;
      for (let a = 0; a < pool; a++) {
        for (let b = 0; b < pool; b++) {
          const r = i * pool + a - padTop;
          const c = j * pool + b - padLeft;
          if (r < 0 || c < 0 || r >= x.length || c >= x[0].length) continue;
          if (x[r][c] > best) {
            best = x[r][c];
            at = [r, c];
          }
        }
      }
      if (at) g[at[0]][at[1]] += w;
    }),
  );
  return g;
}

function gradOnWasm(x: number[][], pool: number, padding: 'valid' | 'same', weights: number[][]): number[][] {
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const xt = tf.tensor4d(x.flat(), [1, x.length, x[0].length, 1]);
    const wt = tf.tensor4d(weights.flat(), [1, weights.length, weights[0].length, 1]);
    const g = tf.grad((t: st.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, pool, pool, padding), wt)))(xt);
    return tf.reshape(g, [x.length, x[0].length]).arraySync() as number[][];
  });
  expect(tf.getBackend()).toBe('wasm');
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('MaxPoolGrad on wasm (composed for windows that tile the input)', () => {
  beforeAll(async () => {
    await st.useBackend('wasm');
  });
  afterAll(async () => {
    await st.useBackend('cpu');
  });

  it('routes each window gradient to its maximum (2x2, stride 2, valid)', () => {
    const x = [[1, 5, 2, 0], [3, 4, 7, 1], [0, 2, 9, 8], [6, 1, 3, 4]];
    const w = [[1, 2], [3, 4]];
    expect(gradOnWasm(x, 2, 'valid', w)).toEqual(byHand(x, 2, w));
  });

  it("handles 'same' padding on an odd-sized input and ignores a row no window reaches in 'valid'", () => {
    const x = [[1, 5, 2], [3, 4, 7], [0, 2, 9]];
    // same: ceil(3/2) = 2 windows per axis; total padding 1, all of it after (TF puts the extra at the end).
    expect(gradOnWasm(x, 2, 'same', [[1, 2], [3, 4]])).toEqual(byHand(x, 2, [[1, 2], [3, 4]]));
    // valid: one window; the last row and column get no gradient.
    expect(gradOnWasm(x, 2, 'valid', [[5]])).toEqual(byHand(x, 2, [[5]]));
  });

  it('gives ties to the first maximum in scan order, as TF does', () => {
    const x = [[2, 2], [2, 1]];
    expect(gradOnWasm(x, 2, 'valid', [[1]])).toEqual([[1, 0], [0, 0]]);
  });
});
