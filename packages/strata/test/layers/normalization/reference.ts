// Plain-JS reference arithmetic for the normalization tests, on flat row-major arrays: the
// formulas worked independently of the layers under test (float64).

/** Every multi-index of a shape, in row-major order. */
export function indices(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const total = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < total; flat++) {
    const idx = new Array<number>(shape.length);
    let rest = flat;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
    }
    out.push(idx);
  }
  return out;
}

/** Key of an entry's group: its indices on the kept (non-reduced) axes. */
const groupKey = (idx: number[], reduce: readonly number[]) => idx.filter((_, d) => !reduce.includes(d)).join(',');

/**
 * Mean and biased variance over `reduce` axes, as a function of an entry's flat position;
 * `weights` (one per entry, default 1) drop entries from the statistics.
 */
export function moments(
  values: readonly number[],
  shape: readonly number[],
  reduce: readonly number[],
  weights?: readonly number[],
): { mean: (i: number) => number; variance: (i: number) => number; byKey: Map<string, { mean: number; variance: number }> } {
  const all = indices(shape);
  const acc = new Map<string, { sum: number; count: number; entries: number[] }>();
  all.forEach((idx, i) => {
    const key = groupKey(idx, reduce);
    const a = acc.get(key) ?? { sum: 0, count: 0, entries: [] };
    const w = weights ? weights[i] : 1;
    a.sum += w * values[i];
    a.count += w;
    a.entries.push(i);
    acc.set(key, a);
  });
  const byKey = new Map<string, { mean: number; variance: number }>();
  for (const [key, a] of acc) {
    const mean = a.sum / a.count;
    const variance = a.entries.reduce((s, i) => s + (weights ? weights[i] : 1) * (values[i] - mean) ** 2, 0) / a.count;
    byKey.set(key, { mean, variance });
  }
  const at = (i: number) => byKey.get(groupKey(all[i], reduce))!;
  return { mean: (i) => at(i).mean, variance: (i) => at(i).variance, byKey };
}

/** Deterministic pseudo-random values in [-scale, scale) (an LCG, independent of tfjs). */
export function seeded(n: number, seed: number, scale = 1, offset = 0): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return offset + scale * ((s / 2 ** 32) * 2 - 1);
  });
}

export function range(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
