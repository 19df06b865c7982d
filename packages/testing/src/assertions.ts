// Numeric comparisons with messages that say what was compared, where it differs and by how much.
import * as st from 'strata';

export type Tolerance = { atol?: number; rtol?: number };

/** A check of the harness failed; the message names the layer, the check and the numbers. */
export class LayerTestFailure extends Error {
  override name = 'LayerTestFailure';
}

export type NestedNumbers = number | readonly NestedNumbers[];

export function flatValues(values: NestedNumbers | ArrayLike<number>): number[] {
  if (typeof values === 'number') return [values];
  const out: number[] = [];
  const visit = (v: NestedNumbers | ArrayLike<number>): void => {
    if (typeof v === 'number') out.push(v);
    else for (let i = 0; i < v.length; i++) visit((v as readonly NestedNumbers[])[i]);
  };
  visit(values);
  return out;
}

/** The values of a tensor as a plain array (synchronous read; tests only). */
export function valuesOf(t: st.Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number>);
}

export function isClose(actual: number, expected: number, { atol = 1e-6, rtol = 1e-6 }: Tolerance = {}): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= atol + rtol * Math.max(Math.abs(actual), Math.abs(expected));
}

/**
 * Throws unless both arrays have the same length and every pair is close. The message gives the
 * first mismatching index, both values and the largest difference.
 */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  tolerance: Tolerance = {},
): void {
  if (actual.length !== expected.length) {
    throw new LayerTestFailure(`${what}: expected ${expected.length} values, found ${actual.length}.`);
  }
  let firstBad = -1;
  let maxDiff = 0;
  for (let i = 0; i < actual.length; i++) {
    const close = isClose(actual[i], expected[i], tolerance);
    const diff = Math.abs(actual[i] - expected[i]);
    if (!close) maxDiff = Math.max(maxDiff, Number.isNaN(diff) ? Infinity : diff);
    else if (!Number.isNaN(diff)) maxDiff = Math.max(maxDiff, diff);
    if (firstBad < 0 && !close) firstBad = i;
  }
  if (firstBad >= 0) {
    throw new LayerTestFailure(
      `${what}: values differ at index ${firstBad}: found ${actual[firstBad]}, expected ${expected[firstBad]} ` +
        `(largest difference ${maxDiff}; atol ${tolerance.atol ?? 1e-6}, rtol ${tolerance.rtol ?? 1e-6}).`,
    );
  }
}

/** Throws unless the two arrays are bit-for-bit equal (same ops on the same weights). */
export function assertIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assertAllClose(actual, expected, what, { atol: 0, rtol: 0 });
}

export function assertShape(actual: readonly (number | null)[], expected: readonly (number | null)[], what: string): void {
  const same = actual.length === expected.length && actual.every((d, i) => d === expected[i]);
  if (!same) {
    throw new LayerTestFailure(`${what}: expected shape ${st.formatShape(expected)}, found ${st.formatShape(actual)}.`);
  }
}
