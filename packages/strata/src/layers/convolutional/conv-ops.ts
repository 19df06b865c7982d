// Rank-generic convolutions on channels-last tensors, built from tfjs-core ops that every
// backend runs and differentiates:
// - 1-D runs as 2-D on an inserted height axis of size 1 (what tf.conv1d does);
// - dilation is a kernel with zeros inserted between its taps, since tfjs-core's Conv2D, Conv3D
//   and DepthwiseConv2dNative gradients reject dilations > 1 (4.22);
// - 'causal' is a left zero pad followed by 'valid';
// - groups split the channels and concatenate the per-group results.
import { tf, type Tensor } from '../../runtime/tf.js';
import { conv3dTranspose } from './conv3d-transpose-op.js';
import type { Padding } from './conv-args.js';

export type ConvSpec = { strides: number[]; padding: Padding; dilation: number[] };
type TfPad = 'valid' | 'same';

/** The kernel with d - 1 zeros between neighbouring taps on each leading (spatial) axis. */
export function dilateKernel(kernel: Tensor, dilation: number[]): Tensor {
  let k = kernel;
  dilation.forEach((d, axis) => {
    const n = k.shape[axis];
    if (d === 1 || n === 1) return;
    const pre = k.shape.slice(0, axis);
    const post = k.shape.slice(axis + 1);
    // [.., n, 1, ..] padded to [.., n, d, ..] and merged: each tap followed by d - 1 zeros.
    const expanded = tf.reshape(k, [...pre, n, 1, ...post]);
    const paddings = expanded.shape.map((_, i): [number, number] => (i === axis + 1 ? [0, d - 1] : [0, 0]));
    const spread = tf.reshape(tf.pad(expanded, paddings), [...pre, n * d, ...post]);
    k = tf.slice(spread, k.shape.map(() => 0), [...pre, (n - 1) * d + 1, ...post]);
  });
  return k;
}

/** Left-pads the steps axis (1) so that a 'valid' convolution never looks ahead. */
function causalPad(x: Tensor, kernelSize: number, dilation: number): Tensor {
  const amount = (kernelSize - 1) * dilation;
  return tf.pad(x, x.shape.map((_, i): [number, number] => (i === 1 ? [amount, 0] : [0, 0])));
}

/** Causal padding and kernel dilation applied: what is left is a plain 'valid'/'same' op. */
function prepare(x: Tensor, kernel: Tensor, spec: ConvSpec): { x: Tensor; kernel: Tensor; pad: TfPad } {
  const input = spec.padding === 'causal' ? causalPad(x, kernel.shape[0], spec.dilation[0]) : x;
  return { x: input, kernel: dilateKernel(kernel, spec.dilation), pad: spec.padding === 'same' ? 'same' : 'valid' };
}

const as4d = (t: Tensor) => t as tf.Tensor4D;
const as5d = (t: Tensor) => t as tf.Tensor5D;

/** 1-D through a 2-D op: height 1 inserted on the input (axis 1) and the kernel (axis 0). */
function via2d(x: Tensor, kernel: Tensor, op: (x4: tf.Tensor4D, k4: tf.Tensor4D) => Tensor): Tensor {
  return tf.squeeze(op(as4d(tf.expandDims(x, 1)), as4d(tf.expandDims(kernel, 0))), [1]);
}

function plainConv(x: Tensor, kernel: Tensor, strides: number[], pad: TfPad): Tensor {
  switch (kernel.rank - 2) {
    case 1:
      return via2d(x, kernel, (x4, k4) => tf.conv2d(x4, k4, [1, strides[0]], pad));
    case 2:
      return tf.conv2d(as4d(x), as4d(kernel), [strides[0], strides[1]], pad);
    default:
      return tf.conv3d(as5d(x), as5d(kernel), [strides[0], strides[1], strides[2]], pad);
  }
}

/** Convolution of x [batch, ...spatial, cin] with kernel [...k, cin / groups, cout]. */
export function convolve(x: Tensor, kernel: Tensor, spec: ConvSpec, groups = 1): Tensor {
  const p = prepare(x, kernel, spec);
  if (groups === 1) return plainConv(p.x, p.kernel, spec.strides, p.pad);
  const xs = tf.split(p.x, groups, -1);
  const ks = tf.split(p.kernel, groups, -1);
  return tf.concat(xs.map((xi, i) => plainConv(xi, ks[i], spec.strides, p.pad)), -1);
}

/**
 * Depthwise convolution of x [batch, ...spatial, cin] with kernel [...k, cin, dm]: output
 * channel c·dm + m is input channel c convolved with kernel[..., c, m] (TF's order). 1-D and 2-D.
 */
export function depthwiseConvolve(x: Tensor, kernel: Tensor, spec: ConvSpec): Tensor {
  const p = prepare(x, kernel, spec);
  if (kernel.rank === 3) {
    return via2d(p.x, p.kernel, (x4, k4) => tf.depthwiseConv2d(x4, k4, [1, spec.strides[0]], p.pad));
  }
  return tf.depthwiseConv2d(as4d(p.x), as4d(p.kernel), [spec.strides[0], spec.strides[1]], p.pad);
}

/**
 * Transposed convolution (the input-gradient of a convolution) of x [batch, ...spatial, cin] with
 * kernel [...k, cout, cin], to an output of spatial size `outSpatial`.
 */
export function convolveTranspose(x: Tensor, kernel: Tensor, outSpatial: number[], spec: ConvSpec): Tensor {
  const k = dilateKernel(kernel, spec.dilation);
  const pad: TfPad = spec.padding === 'same' ? 'same' : 'valid';
  const batch = x.shape[0];
  const cout = kernel.shape[kernel.rank - 2];
  const s = spec.strides;
  switch (kernel.rank - 2) {
    case 1:
      return via2d(x, k, (x4, k4) => tf.conv2dTranspose(x4, k4, [batch, 1, outSpatial[0], cout], [1, s[0]], pad));
    case 2:
      return tf.conv2dTranspose(as4d(x), as4d(k), [batch, outSpatial[0], outSpatial[1], cout], [s[0], s[1]], pad);
    default:
      return conv3dTranspose(as5d(x), as5d(k), [batch, outSpatial[0], outSpatial[1], outSpatial[2], cout], [s[0], s[1], s[2]], pad);
  }
}

/** Permutes channels-first [b, c, ...spatial] to channels-last [b, ...spatial, c]. */
export function toChannelsLast(x: Tensor): Tensor {
  const r = x.rank;
  return tf.transpose(x, [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1]);
}

/** Permutes channels-last [b, ...spatial, c] back to channels-first [b, c, ...spatial]. */
export function toChannelsFirst(x: Tensor): Tensor {
  const r = x.rank;
  return tf.transpose(x, [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)]);
}
