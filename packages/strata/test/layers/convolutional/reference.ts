// Plain-JS reference convolutions and poolings, written straight from the definitions (direct
// loops over output positions and window taps, in float64), independent of the code under test.
// Tensors are flat row-major arrays with a shape; channels are last. Padding follows TF:
// 'valid' none, 'same' (before, after) = split of max((ceil(n/s) - 1)·s + k - n, 0) with the
// smaller half before, 'causal' k - 1 zeros before.

export type Flat = { data: number[]; shape: number[] };
export type RefPadding = 'valid' | 'same' | 'causal';
export type Window = { kernel: number[]; strides?: number[]; dilation?: number[]; padding?: RefPadding };

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

function rowMajorStrides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1] * shape[i + 1];
  return out;
}

/** Every index tuple of `shape`, in row-major order. */
function* indices(shape: number[]): Generator<number[]> {
  const idx = shape.map(() => 0);
  if (shape.some((d) => d === 0)) return;
  for (;;) {
    yield [...idx];
    let axis = shape.length - 1;
    while (axis >= 0 && ++idx[axis] === shape[axis]) idx[axis--] = 0;
    if (axis < 0) return;
  }
}

function at(t: Flat, idx: number[]): number {
  const strides = rowMajorStrides(t.shape);
  return t.data[idx.reduce((acc, v, i) => acc + v * strides[i], 0)];
}

type Geometry = { out: number[]; before: number[]; k: number[]; s: number[]; d: number[] };

/** Output sizes and leading padding of a window over the spatial sizes `spatial`. */
function geometry(spatial: number[], w: Window): Geometry {
  const k = w.kernel;
  const s = w.strides ?? k.map(() => 1);
  const d = w.dilation ?? k.map(() => 1);
  const padding = w.padding ?? 'valid';
  const out: number[] = [];
  const before: number[] = [];
  spatial.forEach((n, i) => {
    const dk = (k[i] - 1) * d[i] + 1;
    if (padding === 'valid') {
      out.push(Math.floor((n - dk) / s[i]) + 1);
      before.push(0);
    } else if (padding === 'causal') {
      out.push(Math.ceil(n / s[i]));
      before.push(dk - 1);
    } else {
      const o = Math.ceil(n / s[i]);
      out.push(o);
      before.push(Math.floor(Math.max((o - 1) * s[i] + dk - n, 0) / 2));
    }
  });
  return { out, before, k, s, d };
}

/** The input positions a window at output position `o` reads, with the tap index (null outside). */
function* taps(g: Geometry, o: number[], spatial: number[]): Generator<{ tap: number[]; pos: number[] | null }> {
  for (const tap of indices(g.k)) {
    const pos = tap.map((t, i) => o[i] * g.s[i] + t * g.d[i] - g.before[i]);
    yield { tap, pos: pos.every((p, i) => p >= 0 && p < spatial[i]) ? pos : null };
  }
}

/** Convolution: x [b, ...spatial, cin], kernel [...k, cin / groups, cout]. */
export function conv(x: Flat, kernel: Flat, w: Omit<Window, 'kernel'>, groups = 1): Flat {
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(1, -1);
  const kShape = kernel.shape.slice(0, rank);
  const [cinG, cout] = kernel.shape.slice(rank);
  const g = geometry(spatial, { ...w, kernel: kShape });
  const coutG = cout / groups;
  const data: number[] = [];
  for (const [b, ...rest] of indices([x.shape[0], ...g.out, cout])) {
    const o = rest.slice(0, rank);
    const co = rest[rank];
    const group = Math.floor(co / coutG);
    let sum = 0;
    for (const { tap, pos } of taps(g, o, spatial)) {
      if (!pos) continue;
      for (let ci = 0; ci < cinG; ci++) sum += at(x, [b, ...pos, group * cinG + ci]) * at(kernel, [...tap, ci, co]);
    }
    data.push(sum);
  }
  return { data, shape: [x.shape[0], ...g.out, cout] };
}

/** Depthwise convolution: kernel [...k, cin, dm]; output channel c·dm + m. */
export function depthwise(x: Flat, kernel: Flat, w: Omit<Window, 'kernel'>): Flat {
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(1, -1);
  const [cin, dm] = kernel.shape.slice(rank);
  const g = geometry(spatial, { ...w, kernel: kernel.shape.slice(0, rank) });
  const data: number[] = [];
  for (const [b, ...rest] of indices([x.shape[0], ...g.out, cin * dm])) {
    const o = rest.slice(0, rank);
    const [c, m] = [Math.floor(rest[rank] / dm), rest[rank] % dm];
    let sum = 0;
    for (const { tap, pos } of taps(g, o, spatial)) if (pos) sum += at(x, [b, ...pos, c]) * at(kernel, [...tap, c, m]);
    data.push(sum);
  }
  return { data, shape: [x.shape[0], ...g.out, cin * dm] };
}

/**
 * Transposed convolution by scattering: input position i with tap t adds x[i]·kernel[t] to output
 * position i·s + t·d - before. kernel [...k, cout, cin]; `outSize` the output's spatial size.
 */
export function convTranspose(x: Flat, kernel: Flat, w: Omit<Window, 'kernel'>, outSize: number[]): Flat {
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(1, -1);
  const k = kernel.shape.slice(0, rank);
  const [cout, cin] = kernel.shape.slice(rank);
  const s = w.strides ?? k.map(() => 1);
  const d = w.dilation ?? k.map(() => 1);
  const before = k.map((ki, i) => {
    if (w.padding !== 'same') return 0;
    const dk = (ki - 1) * d[i] + 1;
    return Math.floor(Math.max((spatial[i] - 1) * s[i] + dk - outSize[i], 0) / 2);
  });
  const shape = [x.shape[0], ...outSize, cout];
  const outStrides = rowMajorStrides(shape);
  const data = new Array<number>(prod(shape)).fill(0);
  for (const [b, ...rest] of indices(x.shape)) {
    const i = rest.slice(0, rank);
    const ci = rest[rank];
    for (const tap of indices(k)) {
      const pos = tap.map((t, a) => i[a] * s[a] + t * d[a] - before[a]);
      if (!pos.every((p, a) => p >= 0 && p < outSize[a])) continue;
      for (let co = 0; co < cout; co++) {
        const flat = [b, ...pos, co].reduce((acc, v, a) => acc + v * outStrides[a], 0);
        data[flat] += at(x, [b, ...i, ci]) * at(kernel, [...tap, co, ci]);
      }
    }
  }
  return { data, shape };
}

export type PoolKind = 'max' | 'avg' | { p: number };

/** Pooling over windows; only positions inside the input take part (padding is ignored). */
export function pool(x: Flat, w: Window & { padding?: 'valid' | 'same' }, kind: PoolKind): Flat {
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(1, -1);
  const c = x.shape[rank + 1];
  const g = geometry(spatial, { ...w, strides: w.strides ?? w.kernel });
  const data: number[] = [];
  for (const [b, ...rest] of indices([x.shape[0], ...g.out, c])) {
    const o = rest.slice(0, rank);
    const values: number[] = [];
    for (const { pos } of taps(g, o, spatial)) if (pos) values.push(at(x, [b, ...pos, rest[rank]]));
    if (kind === 'max') data.push(Math.max(...values));
    else if (kind === 'avg') data.push(values.reduce((a, v) => a + v, 0) / values.length);
    else data.push(values.reduce((a, v) => a + Math.abs(v) ** kind.p, 0) ** (1 / kind.p));
  }
  return { data, shape: [x.shape[0], ...g.out, c] };
}

/** Max or mean over all spatial positions: [b, ...spatial, c] → [b, c]. */
export function globalPool(x: Flat, kind: 'max' | 'avg'): Flat {
  const c = x.shape[x.shape.length - 1];
  const positions = prod(x.shape.slice(1, -1));
  const data: number[] = [];
  for (let b = 0; b < x.shape[0]; b++) {
    for (let ch = 0; ch < c; ch++) {
      const values = Array.from({ length: positions }, (_, p) => x.data[(b * positions + p) * c + ch]);
      data.push(kind === 'max' ? Math.max(...values) : values.reduce((a, v) => a + v, 0) / positions);
    }
  }
  return { data, shape: [x.shape[0], c] };
}

/** Moves the channel axis: channels-last [b, ...s, c] ↔ channels-first [b, c, ...s]. */
export function permuteChannels(t: Flat, toFirst: boolean): Flat {
  const r = t.shape.length;
  const perm = toFirst ? [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)] : [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1];
  const shape = perm.map((p) => t.shape[p]);
  const data: number[] = [];
  for (const idx of indices(shape)) {
    const src = new Array<number>(r);
    perm.forEach((p, i) => (src[p] = idx[i]));
    data.push(at(t, src));
  }
  return { data, shape };
}

/** A deterministic pseudo-random flat tensor with values in [-1, 1) (mulberry32). */
export function seeded(shape: number[], seed: number): Flat {
  let state = seed >>> 0;
  const data = Array.from({ length: prod(shape) }, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  });
  // Rounded through float32, so the reference computes on exactly the values the layer sees.
  return { data: Array.from(Float32Array.from(data)), shape };
}

export const addBias = (t: Flat, bias: number[]): Flat => ({ data: t.data.map((v, i) => v + bias[i % bias.length]), shape: t.shape });
export const mapFlat = (t: Flat, f: (v: number) => number): Flat => ({ data: t.data.map(f), shape: t.shape });
