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

// ---- The losses added with the training toolkit (Keras 3 definitions, plain JS) ----

const rowMean = (t: number[][], f: (y: number, p: number) => number) => (p: number[][]) =>
  t.map((row, i) => mean(row.map((y, j) => f(y, p[i][j]))));

export function refMape(t: number[][], p: number[][]): number[] {
  return rowMean(t, (y, q) => (100 * Math.abs(y - q)) / Math.max(Math.abs(y), EPS))(p);
}

export function refMsle(t: number[][], p: number[][]): number[] {
  return rowMean(t, (y, q) => (Math.log(Math.max(q, EPS) + 1) - Math.log(Math.max(y, EPS) + 1)) ** 2)(p);
}

export function refHuber(t: number[][], p: number[][], delta = 1): number[] {
  return rowMean(t, (y, q) => {
    const e = Math.abs(q - y);
    return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
  })(p);
}

/** log(cosh(x)) straight from its definition (fine for the small errors used here). */
export function refLogCosh(t: number[][], p: number[][]): number[] {
  return rowMean(t, (y, q) => Math.log(Math.cosh(q - y)))(p);
}

export function refSquaredHinge(t: number[][], p: number[][]): number[] {
  const binary = t.every((row) => row.every((y) => y === 0 || y === 1));
  return rowMean(t, (y, q) => Math.max(1 - (binary ? 2 * y - 1 : y) * q, 0) ** 2)(p);
}

export function refCategoricalHinge(t: number[][], p: number[][]): number[] {
  return t.map((row, i) => {
    const pos = row.reduce((a, y, j) => a + y * p[i][j], 0);
    const neg = Math.max(...row.map((y, j) => (1 - y) * p[i][j]));
    return Math.max(neg - pos + 1, 0);
  });
}

export function refKld(t: number[][], p: number[][]): number[] {
  const c = (x: number) => Math.min(Math.max(x, EPS), 1);
  return t.map((row, i) => row.reduce((a, y, j) => a + c(y) * Math.log(c(y) / c(p[i][j])), 0));
}

export function refPoisson(t: number[][], p: number[][]): number[] {
  return rowMean(t, (y, q) => q - y * Math.log(q + EPS))(p);
}

/** Cosine similarity of each row pair (positive; the loss is its negative). */
export function refCosine(t: number[][], p: number[][]): number[] {
  const norm = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  return t.map((row, i) => row.reduce((a, y, j) => a + y * p[i][j], 0) / (norm(row) * norm(p[i])));
}

export type FocalOptions = { gamma?: number; alpha?: number; balance?: boolean; fromLogits?: boolean; ls?: number };

export function refBinaryFocal(t: number[][], p: number[][], o: FocalOptions = {}): number[] {
  const gamma = o.gamma ?? 2;
  const alpha = o.alpha ?? 0.25;
  const ls = o.ls ?? 0;
  return t.map((row, i) =>
    mean(
      row.map((y0, j) => {
        const y = y0 * (1 - ls) + 0.5 * ls;
        const q = o.fromLogits ? sigmoid(p[i][j]) : p[i][j];
        const bce = -(y * Math.log(clip(q)) + (1 - y) * Math.log(1 - clip(q)));
        const pT = y * q + (1 - y) * (1 - q);
        const weight = o.balance ? y * alpha + (1 - y) * (1 - alpha) : 1;
        return weight * (1 - pT) ** gamma * bce;
      }),
    ),
  );
}

export function refCategoricalFocal(t: number[][], p: number[][], o: FocalOptions = {}): number[] {
  const gamma = o.gamma ?? 2;
  const alpha = o.alpha ?? 0.25;
  const ls = o.ls ?? 0;
  return t.map((row, i) => {
    const k = row.length;
    const probs = o.fromLogits ? softmax(p[i]) : p[i];
    const s = probs.reduce((a, b) => a + b, 0);
    return row.reduce((acc, y0, j) => {
      const y = y0 * (1 - ls) + ls / k;
      const q = clip(probs[j] / s);
      return acc + alpha * (1 - q) ** gamma * -y * Math.log(q);
    }, 0);
  });
}
