// Plain-JS references for the reshaping tests: each output entry is read from the input entry
// a formula names (or is 0), worked with explicit index arithmetic, independent of Strata.

export const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** [0, 1, 2, ...] of the given shape, so every output entry shows which input it came from. */
export const iota = (shape: number[]): number[] => Array.from({ length: size(shape) }, (_, i) => i + 1);

function unravel(flat: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    idx[a] = flat % shape[a];
    flat = Math.floor(flat / shape[a]);
  }
  return idx;
}

function ravel(idx: number[], shape: number[]): number {
  return idx.reduce((flat, i, a) => flat * shape[a] + i, 0);
}

/** out[o] = input[source(o)], or 0 where source returns null. */
export function gatherByIndex(input: number[], inShape: number[], outShape: number[], source: (o: number[]) => number[] | null): number[] {
  return Array.from({ length: size(outShape) }, (_, flat) => {
    const from = source(unravel(flat, outShape));
    return from === null ? 0 : input[ravel(from, inShape)];
  });
}

/** out[o] = Σ weight · input[index] over the (index, weight) pairs `sources` gives. */
export function combineByIndex(input: number[], inShape: number[], outShape: number[], sources: (o: number[]) => Array<[number[], number]>): number[] {
  return Array.from({ length: size(outShape) }, (_, flat) =>
    sources(unravel(flat, outShape)).reduce((sum, [idx, w]) => sum + w * input[ravel(idx, inShape)], 0),
  );
}

/** TF2 half-pixel bilinear sampling of one axis: (lower index, upper index, weight of upper). */
export function halfPixel(o: number, scale: number, inSize: number): [number, number, number] {
  const src = (o + 0.5) / scale - 0.5;
  const lo = Math.floor(src);
  const frac = src - lo;
  return [Math.max(lo, 0), Math.min(lo + 1, inSize - 1), frac];
}
