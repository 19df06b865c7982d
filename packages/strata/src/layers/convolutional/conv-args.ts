// Argument parsing and shape arithmetic shared by the convolution and pooling layers: Keras'
// standardize_tuple / standardize_padding and its conv output-length formulas.
import { ValueError } from '../../errors.js';
import type { Shape } from '../../runtime/tf.js';

import type { DataFormat } from '../data-format.js';
export { dataFormatConfig, dataFormatOf, type DataFormat, type DataFormatConfig, type DataFormatName } from '../data-format.js';
export type Padding = 'valid' | 'same' | 'causal';

/**
 * One positive integer per spatial axis, from n or [n1, ..., n_rank] (Keras' standardize_tuple);
 * `allowZero` admits 0 (output_padding).
 */
export function normalizeTuple(value: unknown, rank: number, argName: string, where: string, allowZero = false): number[] {
  const ok = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= (allowZero ? 0 : 1);
  if (ok(value)) return Array.from({ length: rank }, () => value);
  if (Array.isArray(value) && value.length === rank && value.every(ok)) return [...value];
  const kind = allowZero ? 'non-negative integer' : 'positive integer';
  const forms = rank === 1 ? `a ${kind} or [${kind}]` : `a ${kind} or ${rank} ${kind}s (one per spatial axis)`;
  throw new ValueError(`${where}: ${argName} must be ${forms}, found ${JSON.stringify(value)}.`);
}

/** 'valid' | 'same' (| 'causal' where allowed), any letter case. */
export function normalizePadding(value: unknown, allowCausal: boolean, where: string): Padding {
  const allowed: Padding[] = allowCausal ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  const lower = typeof value === 'string' ? value.toLowerCase() : value;
  if (allowed.includes(lower as Padding)) return lower as Padding;
  const note = !allowCausal && lower === 'causal' ? " ('causal' is only for 1-D convolutions)" : '';
  throw new ValueError(`${where}: padding must be one of ${allowed.map((p) => `'${p}'`).join(', ')}${note}, found ${JSON.stringify(value)}.`);
}

/** A positive integer argument (filters, depthMultiplier, groups). */
export function positiveInteger(value: unknown, argName: string, where: string): number {
  if (Number.isInteger(value) && (value as number) > 0) return value as number;
  throw new ValueError(`${where}: ${argName} must be a positive integer, found ${JSON.stringify(value)}.`);
}

/** Keras forbids strides > 1 together with dilationRate > 1. */
export function checkStridesAndDilation(strides: number[], dilation: number[], where: string): void {
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    throw new ValueError(
      `${where}: strides > 1 cannot be combined with dilationRate > 1, found strides [${strides}] and dilationRate [${dilation}].`,
    );
  }
}

/** Kernel extent once dilated: k + (k - 1)(d - 1). */
export const dilatedSize = (k: number, d: number): number => k + (k - 1) * (d - 1);

/** Output length of a convolution or pooling window along one axis (Keras' compute_conv_output_shape). */
export function convOutputLength(n: number | null, k: number, padding: Padding, stride: number, dilation = 1): number | null {
  if (n === null) return null;
  if (padding === 'valid') return Math.floor((n - dilatedSize(k, dilation)) / stride) + 1;
  return Math.floor((n - 1) / stride) + 1; // 'same' and 'causal'
}

/** Output length of a transposed convolution along one axis (Keras' compute_conv_transpose_output_shape). */
export function transposeOutputLength(
  n: number | null,
  k: number,
  padding: Padding,
  stride: number,
  dilation: number,
  outputPadding: number | null,
): number | null {
  if (n === null) return null;
  const dk = dilatedSize(k, dilation);
  if (outputPadding === null) return padding === 'valid' ? n * stride + Math.max(dk - stride, 0) : n * stride;
  const pad = padding === 'same' ? Math.floor(dk / 2) : 0;
  return (n - 1) * stride + dk - 2 * pad + outputPadding;
}

/** TF's (before, after) zero padding of 'same' along one axis of length n. */
export function samePadding(n: number, k: number, stride: number): [number, number] {
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + k - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The channels-last version of a shape (channels-first input is handled by transposing). */
export function toChannelsLastShape(shape: Shape, format: DataFormat): Shape {
  return format === 'channelsLast' ? [...shape] : [shape[0], ...shape.slice(2), shape[1]];
}

export function fromChannelsLastShape(shape: Shape, format: DataFormat): Shape {
  return format === 'channelsLast' ? [...shape] : [shape[0], shape[shape.length - 1], ...shape.slice(1, -1)];
}

/** Checks that every known spatial output length is positive, naming the layer and the shape. */
export function checkOutputLengths(lengths: (number | null)[], inputShape: Shape, where: string): void {
  if (lengths.some((n) => n !== null && n < 1)) {
    throw new ValueError(
      `${where}: the input is too small for the window: spatial output size [${lengths}] for input shape [${inputShape}]; ` +
        "use a smaller kernel/pool size or padding 'same'.",
    );
  }
}
