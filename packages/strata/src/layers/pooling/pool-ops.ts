// Rank-generic pooling on channels-last tensors with tfjs-core ops (all differentiable):
// 1-D runs as 2-D on an inserted height axis of size 1. Average pooling with 'same' padding
// averages only the entries inside the input (TF's semantics). tfjs-core's AvgPool forward
// does that, but its gradient (4.22) divides by the whole window at the edges, so 'same'
// averaging is written as a window sum over an explicit zero pad divided by the count of real
// entries, whose gradient is exact.
import { tf, type Tensor } from '../../runtime/tf.js';
import { samePadding } from '../convolutional/conv-args.js';

export type PoolPadding = 'valid' | 'same';
export type PoolSpec = { poolSize: number[]; strides: number[]; padding: PoolPadding };

type PoolOp2d = (x: tf.Tensor4D, size: [number, number], strides: [number, number], pad: PoolPadding) => tf.Tensor4D;
type PoolOp3d = (x: tf.Tensor5D, size: [number, number, number], strides: [number, number, number], pad: PoolPadding) => tf.Tensor5D;

function poolWith(x: Tensor, spec: PoolSpec, op2d: PoolOp2d, op3d: PoolOp3d): Tensor {
  const [k, s, pad] = [spec.poolSize, spec.strides, spec.padding];
  switch (k.length) {
    case 1:
      return tf.squeeze(op2d(tf.expandDims(x, 1) as tf.Tensor4D, [1, k[0]], [1, s[0]], pad), [1]);
    case 2:
      return op2d(x as tf.Tensor4D, [k[0], k[1]], [s[0], s[1]], pad);
    default:
      return op3d(x as tf.Tensor5D, [k[0], k[1], k[2]], [s[0], s[1], s[2]], pad);
  }
}

export function maxPoolNd(x: Tensor, spec: PoolSpec): Tensor {
  return poolWith(x, spec, (x4, k, s, p) => tf.maxPool(x4, k, s, p), (x5, k, s, p) => tf.maxPool3d(x5, k, s, p));
}

function nativeAvgPool(x: Tensor, spec: PoolSpec): Tensor {
  return poolWith(x, spec, (x4, k, s, p) => tf.avgPool(x4, k, s, p), (x5, k, s, p) => tf.avgPool3d(x5, k, s, p));
}

/** TF's (before, after) 'same' padding of each spatial axis of a channels-last x. */
function samePaddings(x: Tensor, spec: PoolSpec): Array<[number, number]> {
  return x.shape.map((n, axis): [number, number] =>
    axis === 0 || axis === x.rank - 1 ? [0, 0] : samePadding(n, spec.poolSize[axis - 1], spec.strides[axis - 1]),
  );
}

/** Σ over each window, padded positions counting as zeros. */
function sumPoolNd(x: Tensor, spec: PoolSpec): Tensor {
  const padded = spec.padding === 'same' ? tf.pad(x, samePaddings(x, spec)) : x;
  const volume = spec.poolSize.reduce((a, b) => a * b, 1);
  return tf.mul(nativeAvgPool(padded, { ...spec, padding: 'valid' }), volume);
}

/** How many real (unpadded) entries each 'same' window holds: [1, ...out, 1], a constant. */
function windowCounts(x: Tensor, spec: PoolSpec): Tensor {
  const pads = samePaddings(x, spec).slice(1, -1);
  const perAxis = spec.poolSize.map((k, i) => {
    const n = x.shape[i + 1];
    const s = spec.strides[i];
    return Array.from({ length: Math.ceil(n / s) }, (_, o) => Math.min(o * s - pads[i][0] + k, n) - Math.max(o * s - pads[i][0], 0));
  });
  // The count of a window is the product of its per-axis counts (an outer product).
  let counts = [1];
  for (const axis of perAxis) counts = counts.flatMap((c) => axis.map((a) => c * a));
  return tf.tensor(counts, [1, ...perAxis.map((a) => a.length), 1]);
}

export function avgPoolNd(x: Tensor, spec: PoolSpec): Tensor {
  if (spec.padding === 'valid') return nativeAvgPool(x, spec);
  return tf.div(sumPoolNd(x, spec), windowCounts(x, spec));
}

/** Lp pooling: (Σ_window |x|^p)^(1/p), padded positions counting as zeros. */
export function lpPoolNd(x: Tensor, spec: PoolSpec, p: number): Tensor {
  const powered = p === 2 ? tf.square(x) : p === 1 ? tf.abs(x) : tf.pow(tf.abs(x), p);
  const sum = sumPoolNd(powered, spec);
  return p === 2 ? tf.sqrt(sum) : p === 1 ? sum : tf.pow(sum, 1 / p);
}
