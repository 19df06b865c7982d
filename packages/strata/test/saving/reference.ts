// Hand-worked forward passes in plain JS (Keras semantics), for expected values that do not come
// from the code under test.

export type Matrix = number[][];

/** Deterministic values in [-1, 1) (mulberry32). */
export function seeded(count: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  });
}

export function reshape(values: number[], rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols));
}

/** x [n, in] · kernel (flat, row-major [in, out]) + bias. */
export function dense(x: Matrix, kernel: number[], bias: number[], activation: (v: number[]) => number[] = (v) => v): Matrix {
  const units = bias.length;
  return x.map((row) => activation(Array.from({ length: units }, (_, j) => row.reduce((s, v, i) => s + v * kernel[i * units + j], bias[j]))));
}

export const relu = (v: number[]) => v.map((x) => Math.max(0, x));
export const softmax = (v: number[]) => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Keras LSTM (gates i, f, c, o; kernel [in, 4u], recurrent [u, 4u], bias [4u]); last output. */
export function lstm(xs: number[][][], kernel: number[], recurrent: number[], bias: number[], units: number): Matrix {
  return xs.map((sequence) => {
    let h = new Array(units).fill(0);
    let c = new Array(units).fill(0);
    const inDim = sequence[0].length;
    for (const x of sequence) {
      const z = Array.from({ length: 4 * units }, (_, j) => {
        let s = bias[j];
        for (let i = 0; i < inDim; i++) s += x[i] * kernel[i * 4 * units + j];
        for (let i = 0; i < units; i++) s += h[i] * recurrent[i * 4 * units + j];
        return s;
      });
      const gate = (g: number, k: number) => z[g * units + k];
      c = c.map((cPrev, k) => sigmoid(gate(1, k)) * cPrev + sigmoid(gate(0, k)) * Math.tanh(gate(2, k)));
      h = c.map((cNew, k) => sigmoid(gate(3, k)) * Math.tanh(cNew));
    }
    return h;
  });
}

/** Inference-mode batch normalization over the last axis. */
export function batchNorm(x: Matrix, gamma: number[], beta: number[], mean: number[], variance: number[], epsilon: number): Matrix {
  return x.map((row) => row.map((v, j) => (gamma[j] * (v - mean[j])) / Math.sqrt(variance[j] + epsilon) + beta[j]));
}

export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
