// Plain-JS attention math from the Keras equations, for the attention tests: loops over nested
// arrays, float64, independent of Strata and of tfjs.

export type T3 = number[][][];

export function softmax(row: number[]): number[] {
  const top = Math.max(...row);
  const e = row.map((v) => Math.exp(v - top));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * A masked logit: Keras computes score - 1e9 in float32, which rounds to exactly -1e9 for the
 * O(1) scores here; writing -1e9 keeps float64 in step (a fully masked row is then uniform).
 */
const masked = (score: number, keep: boolean): number => (keep ? score : -1e9);

/** Nested [d0][d1][d2] array from flat values. */
export function nest3(flat: ArrayLike<number>, [d0, d1, d2]: number[]): T3 {
  return Array.from({ length: d0 }, (_, i) => Array.from({ length: d1 }, (_, j) => Array.from({ length: d2 }, (_, k) => flat[(i * d1 + j) * d2 + k])));
}

export type DenseAttentionCase = {
  query: T3;
  value: T3;
  key?: T3;
  /** Raw score of a query vector and a key vector. */
  score: (q: number[], k: number[]) => number;
  /** May query step t of sample b see key step s? */
  mask?: (b: number, t: number, s: number) => boolean;
  queryMask?: (b: number, t: number) => boolean;
};

/** Keras' Attention / AdditiveAttention after the scores: masked softmax over steps, weighted sum of value. */
export function denseAttention(c: DenseAttentionCase): { output: T3; weights: T3 } {
  const key = c.key ?? c.value;
  const weights = c.query.map((qs, b) =>
    qs.map((q, t) => softmax(key[b].map((k, s) => masked(c.score(q, k), !c.mask || c.mask(b, t, s))))),
  );
  const output = weights.map((rows, b) =>
    rows.map((w, t) => c.value[b][0].map((_, d) => (c.queryMask && !c.queryMask(b, t) ? 0 : w.reduce((sum, wi, s) => sum + wi * c.value[b][s][d], 0)))),
  );
  return { output, weights };
}

export const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

export type MhaWeights = {
  /** Flat, in Keras layout: wq [dim, N, H], bq [N, H], wk, bk, wv [dim, N, Hv], bv [N, Hv], wo [N, Hv, E], bo [E]. */
  wq: number[]; bq: number[] | null; wk: number[]; bk: number[] | null; wv: number[]; bv: number[] | null; wo: number[]; bo: number[] | null;
};

/**
 * MultiHeadAttention on [B, T, dim] inputs (attention over axis 1): Q = q·Wq + bq per head,
 * scores[b][n][t][s] = Q·K / sqrt(H), masked softmax over s, O = Σ_s P·V, out = Σ_{n,h} O·Wo + bo.
 */
export function multiHeadAttention(
  query: T3,
  value: T3,
  key: T3,
  w: MhaWeights,
  heads: number,
  keyDim: number,
  valueDim: number,
  outDim: number,
  mask?: (b: number, t: number, s: number) => boolean,
): { output: T3; scores: number[][][][] } {
  const proj = (x: T3, kernel: number[], bias: number[] | null, size: number) =>
    x.map((steps) =>
      steps.map((v) =>
        Array.from({ length: heads }, (_, n) =>
          Array.from({ length: size }, (_, h) => v.reduce((s, xd, d) => s + xd * kernel[(d * heads + n) * size + h], 0) + (bias ? bias[n * size + h] : 0)),
        ),
      ),
    );
  const Q = proj(query, w.wq, w.bq, keyDim);
  const K = proj(key, w.wk, w.bk, keyDim);
  const V = proj(value, w.wv, w.bv, valueDim);
  const scores = Q.map((qb, b) =>
    Array.from({ length: heads }, (_, n) =>
      qb.map((qt, t) => softmax(K[b].map((ks, s) => masked(dot(qt[n], ks[n]) / Math.sqrt(keyDim), !mask || mask(b, t, s))))),
    ),
  );
  const output = Q.map((qb, b) =>
    qb.map((_, t) =>
      Array.from({ length: outDim }, (_, e) => {
        let sum = w.bo ? w.bo[e] : 0;
        for (let n = 0; n < heads; n++)
          for (let h = 0; h < valueDim; h++) {
            const o = scores[b][n][t].reduce((acc, p, s) => acc + p * V[b][s][n][h], 0);
            sum += o * w.wo[(n * valueDim + h) * outDim + e];
          }
        return sum;
      }),
    ),
  );
  return { output, scores };
}
