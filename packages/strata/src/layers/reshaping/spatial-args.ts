// Argument parsing shared by the rank-generic reshaping layers (cropping, padding, upsampling):
// Keras accepts an int, one int per spatial axis, or a (before, after) pair per spatial axis.
import { ValueError } from '../../errors.js';

import type { DataFormat } from '../data-format.js';
export { dataFormatConfig, dataFormatOf, type DataFormat, type DataFormatConfig, type DataFormatName } from '../data-format.js';
export type Pair = [number, number];

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/**
 * (before, after) amounts for each of `dims` spatial axes, from: n (all sides), [a, b] (one
 * pair when dims is 1; otherwise one symmetric amount per axis), or [[a, b], ...] per axis.
 */
export function parsePairs(value: unknown, dims: number, argName: string, where: string): Pair[] {
  const fail = (): never => {
    const forms = dims === 1 ? 'an integer or [before, after]' : `an integer, ${dims} integers (one per spatial axis) or ${dims} [before, after] pairs`;
    throw new ValueError(`${where}: ${argName} must be ${forms} of non-negative integers, found ${JSON.stringify(value)}.`);
  };
  if (isCount(value)) return Array.from({ length: dims }, (): Pair => [value, value]);
  if (!Array.isArray(value)) return fail();
  if (dims === 1 && value.length === 2 && value.every(isCount)) return [[value[0], value[1]]];
  if (value.length !== dims) return fail();
  return value.map((entry): Pair => {
    if (isCount(entry)) return [entry, entry];
    if (Array.isArray(entry) && entry.length === 2 && entry.every(isCount)) return [entry[0], entry[1]];
    return fail();
  });
}

/** One positive factor per spatial axis, from n or [n1, n2, ...]. */
export function parseSizes(value: unknown, dims: number, argName: string, where: string): number[] {
  const positive = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
  if (positive(value)) return Array.from({ length: dims }, () => value);
  if (Array.isArray(value) && value.length === dims && value.every(positive)) return [...value];
  const forms = dims === 1 ? 'a positive integer' : `a positive integer or ${dims} positive integers (one per spatial axis)`;
  throw new ValueError(`${where}: ${argName} must be ${forms}, found ${JSON.stringify(value)}.`);
}

/** The spatial axes of a rank-(dims+2) input: [1..dims] channels-last, [2..dims+1] channels-first. */
export function spatialAxes(dims: number, format: DataFormat): number[] {
  const first = format === 'channelsLast' ? 1 : 2;
  return Array.from({ length: dims }, (_, i) => first + i);
}
