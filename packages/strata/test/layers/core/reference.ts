// Plain-JS reference math for the core layer tests: worked by formula, independent of Strata.

export type Matrix = number[][];

/** x [n, k] · w [k, m] + b [m]. */
export function affine(x: Matrix, w: Matrix, b: number[] | null): Matrix {
  return x.map((row) =>
    w[0].map((_, j) => row.reduce((sum, xi, i) => sum + xi * w[i][j], 0) + (b ? b[j] : 0)),
  );
}

export const elementwise = {
  linear: (v: number) => v,
  relu: (v: number) => Math.max(0, v),
  sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
  tanh: (v: number) => Math.tanh(v),
  elu: (v: number) => (v > 0 ? v : Math.exp(v) - 1),
  // Keras 3's leaky_relu activation: negative_slope 0.2.
  leakyRelu: (v: number) => (v > 0 ? v : 0.2 * v),
  softplus: (v: number) => Math.log(1 + Math.exp(v)),
};

/** softmax over each row. */
export function softmaxRows(m: Matrix): Matrix {
  return m.map((row) => {
    const top = Math.max(...row);
    const e = row.map((v) => Math.exp(v - top));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

export function mapMatrix(m: Matrix, f: (v: number) => number): Matrix {
  return m.map((row) => row.map(f));
}
