// The tfjs-core ops that Strata's layers, losses and optimizers use, each with small inputs, for
// the backend conformance suite: forward values and gradients are compared with the cpu backend.
//
// Shapes are tiny and few on purpose: on WebGPU every new kernel and shape compiles a shader
// (40–500 ms on SwiftShader). Tolerances are absolute + relative (|a − b| ≤ atol + rtol·|b|) and
// written per case where the default does not hold; see DEFAULT_OP_TOLERANCE for the reasoning.
import * as st from 'strata';
import type { Tolerance } from '../assertions.js';

type Tensor = st.Tensor;
const tf = st.tf;

/**
 * float32 everywhere; the same formula evaluated in another order (XNNPACK's blocked sums, GPU
 * reductions) differs by a few ulps per accumulated term: 1e-4 absolute on O(1) values from sums
 * of at most ~100 terms, 1e-3 relative for larger values.
 */
export const DEFAULT_OP_TOLERANCE: Required<Tolerance> = { atol: 1e-4, rtol: 1e-3 };
/** Transcendentals (exp, log, tanh, erf, pow) may use other approximations on GPUs: a few 1e-4. */
const TRANSCENDENTAL: Tolerance = { atol: 5e-4, rtol: 2e-3 };

/** One input: its shape, the range its values are drawn from, and its dtype (float32 by default). */
export type InputSpec = { shape: number[]; range?: [number, number]; dtype?: 'float32' | 'int32' };

export type OpCase = {
  name: string;
  inputs: InputSpec[];
  /** The op under test; its result's gradient is taken with respect to every float32 input. */
  fn: (...xs: Tensor[]) => Tensor;
  /** False for ops without a gradient (argMax, comparisons) or whose inputs are all integers. */
  grad?: boolean;
  tolerance?: Tolerance;
};

const T = (shape: number[], range?: [number, number]): InputSpec => (range ? { shape, range } : { shape });
const POSITIVE: [number, number] = [0.5, 2];
const ids = (shape: number[], max: number): InputSpec => ({ shape, range: [0, max], dtype: 'int32' });
type T4 = st.tf.Tensor4D;
type T3 = st.tf.Tensor3D;

export const OP_CASES: readonly OpCase[] = [
  // Dense, attention, recurrent cells
  { name: 'matMul', inputs: [T([3, 4]), T([4, 5])], fn: (a, b) => tf.matMul(a!, b!) },
  { name: 'matMul (transposed operands)', inputs: [T([4, 3]), T([5, 4])], fn: (a, b) => tf.matMul(a!, b!, true, true) },
  { name: 'batched matMul', inputs: [T([2, 3, 4]), T([2, 4, 2])], fn: (a, b) => tf.matMul(a!, b!) },
  // tfjs-core 4.22 registers no gradient for Einsum: forward only.
  { name: 'einsum bij,bjk->bik', inputs: [T([2, 3, 4]), T([2, 4, 2])], fn: (a, b) => tf.einsum('bij,bjk->bik', a!, b!), grad: false },
  // Elementwise arithmetic with broadcasting (bias add, residuals, masks)
  { name: 'add (broadcast)', inputs: [T([3, 4]), T([4])], fn: (a, b) => tf.add(a!, b!) },
  { name: 'sub', inputs: [T([3, 4]), T([3, 4])], fn: (a, b) => tf.sub(a!, b!) },
  { name: 'mul (broadcast)', inputs: [T([2, 3, 4]), T([3, 1])], fn: (a, b) => tf.mul(a!, b!) },
  { name: 'div', inputs: [T([3, 4]), T([3, 4], POSITIVE)], fn: (a, b) => tf.div(a!, b!) },
  { name: 'squaredDifference', inputs: [T([3, 4]), T([3, 4])], fn: (a, b) => tf.squaredDifference(a!, b!) },
  { name: 'maximum', inputs: [T([3, 4]), T([3, 4])], fn: (a, b) => tf.maximum(a!, b!) },
  { name: 'minimum', inputs: [T([3, 4]), T([3, 4])], fn: (a, b) => tf.minimum(a!, b!) },
  { name: 'pow', inputs: [T([3, 4], POSITIVE), T([3, 4])], fn: (a, b) => tf.pow(a!, b!), tolerance: TRANSCENDENTAL },
  { name: 'neg, abs, square', inputs: [T([3, 4])], fn: (x) => tf.add(tf.neg(tf.abs(x!)), tf.square(x!)) },
  { name: 'sqrt, rsqrt, reciprocal', inputs: [T([3, 4], POSITIVE)], fn: (x) => tf.add(tf.add(tf.sqrt(x!), tf.rsqrt(x!)), tf.reciprocal(x!)), tolerance: TRANSCENDENTAL },
  { name: 'exp, log, log1p', inputs: [T([3, 4], POSITIVE)], fn: (x) => tf.add(tf.add(tf.exp(x!), tf.log(x!)), tf.log1p(x!)), tolerance: TRANSCENDENTAL },
  { name: 'clipByValue', inputs: [T([3, 4], [-2, 2])], fn: (x) => tf.clipByValue(x!, -1, 1) },
  // Activations
  { name: 'relu, relu6', inputs: [T([3, 4], [-8, 8])], fn: (x) => tf.add(tf.relu(x!), tf.relu6(x!)) },
  { name: 'sigmoid', inputs: [T([3, 4], [-4, 4])], fn: (x) => tf.sigmoid(x!), tolerance: TRANSCENDENTAL },
  { name: 'tanh', inputs: [T([3, 4], [-3, 3])], fn: (x) => tf.tanh(x!), tolerance: TRANSCENDENTAL },
  { name: 'elu, selu', inputs: [T([3, 4], [-3, 3])], fn: (x) => tf.add(tf.elu(x!), tf.selu(x!)), tolerance: TRANSCENDENTAL },
  { name: 'leakyRelu, prelu', inputs: [T([3, 4], [-3, 3]), T([4])], fn: (x, a) => tf.add(tf.leakyRelu(x!, 0.2), tf.prelu(x!, a!)) },
  { name: 'softplus', inputs: [T([3, 4], [-3, 3])], fn: (x) => tf.softplus(x!), tolerance: TRANSCENDENTAL },
  { name: 'erf (gelu)', inputs: [T([3, 4], [-2, 2])], fn: (x) => tf.erf(x!), tolerance: TRANSCENDENTAL },
  { name: 'softmax', inputs: [T([3, 5], [-3, 3])], fn: (x) => tf.softmax(x!), tolerance: TRANSCENDENTAL },
  { name: 'logSoftmax', inputs: [T([3, 5], [-3, 3])], fn: (x) => tf.logSoftmax(x!), tolerance: TRANSCENDENTAL },
  // Reductions (losses, metrics, normalization)
  { name: 'sum, mean (axis)', inputs: [T([2, 3, 4])], fn: (x) => tf.add(tf.sum(x!, 1), tf.mean(x!, 1)) },
  { name: 'max, min (axis)', inputs: [T([3, 5])], fn: (x) => tf.add(tf.max(x!, 1), tf.min(x!, 1)) },
  { name: 'logSumExp', inputs: [T([3, 5], [-3, 3])], fn: (x) => tf.logSumExp(x!, 1), tolerance: TRANSCENDENTAL },
  { name: 'moments, batchNorm', inputs: [T([4, 3]), T([3]), T([3])], fn: (x, g, b) => {
    const { mean, variance } = tf.moments(x!, 0);
    return tf.batchNorm(x!, mean, variance, b!, g!, 1e-3);
  } },
  { name: 'cumsum', inputs: [T([3, 4])], fn: (x) => tf.cumsum(x!, 1) },
  // Shapes and indexing
  { name: 'reshape, transpose', inputs: [T([2, 3, 4])], fn: (x) => tf.transpose(tf.reshape(x!, [6, 4]), [1, 0]) },
  { name: 'concat', inputs: [T([2, 3]), T([2, 2])], fn: (a, b) => tf.concat([a!, b!], 1) },
  { name: 'slice', inputs: [T([4, 5])], fn: (x) => tf.slice(x!, [1, 0], [2, 3]) },
  // tfjs-core 4.22 registers no gradient for StridedSlice: forward only.
  { name: 'stridedSlice', inputs: [T([4, 5])], fn: (x) => tf.stridedSlice(x!, [0, 0], [4, 5], [2, 2]), grad: false },
  // A copy before reversing: the gradient tape holds the very array unstack returned, and
  // reordering it in place silently swaps the gradients of its parts.
  { name: 'stack, unstack', inputs: [T([2, 3])], fn: (x) => tf.stack([...tf.unstack(x!, 0)].reverse(), 1) },
  { name: 'pad, tile', inputs: [T([2, 3])], fn: (x) => tf.tile(tf.pad(x!, [[1, 0], [0, 2]]), [1, 2]) },
  { name: 'gather (Embedding)', inputs: [T([5, 3]), ids([4], 5)], fn: (t, i) => tf.gather(t!, i!) },
  { name: 'unsortedSegmentSum', inputs: [T([5, 3]), ids([5], 3)], fn: (x, i) => tf.unsortedSegmentSum(x!, i! as st.tf.Tensor1D, 3) },
  { name: 'where (mask)', inputs: [T([3, 4]), T([3, 4]), ids([3, 4], 2)], fn: (a, b, m) => tf.where(tf.cast(m!, 'bool'), a!, b!) },
  { name: 'oneHot, argMax', inputs: [ids([4], 3)], fn: (i) => tf.add(tf.cast(tf.oneHot(i!, 3), 'int32'), tf.expandDims(tf.argMax(tf.oneHot(i!, 3), 1), 1)), grad: false },
  { name: 'cast, equal, logicalAnd', inputs: [T([3, 4]), T([3, 4])], fn: (a, b) => tf.cast(tf.logicalAnd(tf.greater(a!, 0), tf.lessEqual(b!, 0.5)), 'float32'), grad: false },
  { name: 'reverse', inputs: [T([3, 4])], fn: (x) => tf.reverse(x!, 1) },
  // Convolutions and pooling (channels last)
  { name: 'conv1d', inputs: [T([2, 6, 3]), T([3, 3, 2])], fn: (x, w) => tf.conv1d(x! as T3, w! as T3, 1, 'same') },
  { name: 'conv2d valid', inputs: [T([2, 5, 5, 2]), T([3, 3, 2, 3])], fn: (x, w) => tf.conv2d(x! as T4, w! as T4, 1, 'valid') },
  { name: 'conv2d same stride 2', inputs: [T([1, 6, 6, 2]), T([3, 3, 2, 2])], fn: (x, w) => tf.conv2d(x! as T4, w! as T4, 2, 'same') },
  { name: 'conv2dTranspose', inputs: [T([1, 3, 3, 2]), T([3, 3, 2, 2])], fn: (x, w) => tf.conv2dTranspose(x! as T4, w! as T4, [1, 6, 6, 2], 2, 'same') },
  { name: 'depthwiseConv2d', inputs: [T([2, 5, 5, 2]), T([3, 3, 2, 2])], fn: (x, w) => tf.depthwiseConv2d(x! as T4, w! as T4, 1, 'same') },
  { name: 'separableConv2d', inputs: [T([1, 5, 5, 2]), T([3, 3, 2, 1]), T([1, 1, 2, 3])], fn: (x, d, p) => tf.separableConv2d(x! as T4, d! as T4, p! as T4, 1, 'valid') },
  { name: 'maxPool', inputs: [T([2, 4, 4, 2])], fn: (x) => tf.maxPool(x! as T4, 2, 2, 'valid') },
  { name: 'avgPool valid', inputs: [T([2, 5, 5, 2])], fn: (x) => tf.avgPool(x! as T4, 3, 2, 'valid') },
  // With 'same' padding tfjs-cpu's AvgPoolGrad divides by the whole window while the forward
  // pass averages only the real pixels, so its gradient disagrees with finite differences:
  // forward only here (the backends are compared with cpu, which is wrong there).
  { name: 'avgPool same', inputs: [T([1, 5, 5, 2])], fn: (x) => tf.avgPool(x! as T4, 3, 2, 'same'), grad: false },
  { name: 'resizeNearestNeighbor (UpSampling2D)', inputs: [T([1, 2, 3, 2])], fn: (x) => tf.image.resizeNearestNeighbor(x! as T4, [4, 6]) },
  { name: 'resizeBilinear', inputs: [T([1, 3, 3, 1])], fn: (x) => tf.image.resizeBilinear(x! as T4, [5, 5]) },
];
