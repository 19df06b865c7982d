// Plain-JS reference formulas for the loss tests, worked from Keras' documented definitions.
export const EPS = 1e-7;
// The upper clip bound as float32 stores it (0.99999988): 1 - it is 1.19e-7, not 1e-7.
export const ONE_MINUS_EPS_F32 = Math.fround(1 - EPS);
const clip = (x: number) => Math.min(Math.max(x, EPS), ONE_MINUS_EPS_F32);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const softmax = (xs: number[]) => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

export function refMse(t: number[][], p: number[][]): number[] {
  return t.map((row, i) => mean(row.map((y, j) => (y - p[i][j]) ** 2)));
}

export function refMae(t: number[][], p: number[][]): number[] {
  return t.map((row, i) => mean(row.map((y, j) => Math.abs(y - p[i][j]))));
}

export function refBce(t: number[][], p: number[][], o: { fromLogits?: boolean; ls?: number } = {}): number[] {
  const ls = o.ls ?? 0;
  return t.map((row, i) =>
    mean(
      row.map((y0, j) => {
        const y = y0 * (1 - ls) + 0.5 * ls;
        const q = o.fromLogits ? sigmoid(p[i][j]) : clip(p[i][j]);
        return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
      }),
    ),
  );
}

export function refCce(t: number[][], p: number[][], o: { fromLogits?: boolean; ls?: number } = {}): number[] {
  const ls = o.ls ?? 0;
  return t.map((row, i) => {
    const k = row.length;
    let q: number[];
    if (o.fromLogits) q = softmax(p[i]);
    else {
      const s = p[i].reduce((a, b) => a + b, 0);
      q = p[i].map((v) => clip(v / s));
    }
    return -row.reduce((acc, y0, j) => acc + (y0 * (1 - ls) + ls / k) * Math.log(q[j]), 0);
  });
}

export function refScce(labels: number[], p: number[][], o: { fromLogits?: boolean } = {}): number[] {
  return labels.map((c, i) => {
    let q: number[];
    if (o.fromLogits) q = softmax(p[i]);
    else {
      const clipped = p[i].map(clip);
      const s = clipped.reduce((a, b) => a + b, 0);
      q = clipped.map((v) => v / s);
    }
    return -Math.log(q[c]);
  });
}

export function refHinge(t: number[][], p: number[][]): number[] {
  const binary = t.every((row) => row.every((y) => y === 0 || y === 1));
  return t.map((row, i) => mean(row.map((y0, j) => Math.max(1 - (binary ? 2 * y0 - 1 : y0) * p[i][j], 0))));
}
