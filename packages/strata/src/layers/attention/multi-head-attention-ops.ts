// The tensor math of MultiHeadAttention, written with reshape/transpose/matMul: tfjs-core's
// einsum has no gradient and is slow on wasm. Shapes follow Keras 3's einsum equations.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { maskScores } from './attention-support.js';

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/**
 * EinsumDense as MultiHeadAttention uses it: contracts the last `contracted` axes of x with the
 * first `contracted` axes of the kernel, then adds the bias (shaped as the kernel's other axes).
 * Query projection: [B, T, dim]·[dim, N, H] -> [B, T, N, H]; output: [B, T, N, H]·[N, H, E] -> [B, T, E].
 */
export function project(x: Tensor, kernel: Tensor, bias: Tensor | null, contracted: number): Tensor {
  const inSize = product(kernel.shape.slice(0, contracted));
  const outShape = kernel.shape.slice(contracted);
  let y = tf.matMul(tf.reshape(x, [-1, inSize]), tf.reshape(kernel, [inSize, product(outShape)]));
  if (bias) y = tf.add(y, tf.reshape(bias, [-1]));
  return tf.reshape(y, [...x.shape.slice(0, x.rank - contracted), ...outShape]);
}

/**
 * Where the axes of a projected tensor [B, <dims>, N, H] (rank R) go. Attention runs over
 * `attention` axes; every other axis but the last (the batch, the remaining dims and the heads)
 * is a batch axis. Scores are laid out [<batch axes>, <query attention axes>, <key attention axes>].
 */
export class AttentionLayout {
  readonly batchAxes: number[];
  constructor(
    readonly rank: number,
    readonly attention: number[],
  ) {
    this.batchAxes = Array.from({ length: rank - 1 }, (_, i) => i).filter((a) => !attention.includes(a));
  }

  /** Batch axes, then attention axes, then the channels. */
  get perm(): number[] {
    return [...this.batchAxes, ...this.attention, this.rank - 1];
  }

  scoresShape(projectedQuery: Shape, projectedKey: Shape): Shape {
    return [...this.batchAxes.map((a) => projectedQuery[a]), ...this.attention.map((a) => projectedQuery[a]), ...this.attention.map((a) => projectedKey[a])];
  }

  /** Keras' mask broadcasting: new axes in front of the 2·|attention| trailing ones, up to the scores' rank. */
  expandMask(mask: Tensor, scoresRank: number): Tensor {
    let m = mask;
    const axis = -2 * this.attention.length - 1;
    while (m.rank < scoresRank) m = tf.expandDims(m, m.rank + 1 + axis);
    return m;
  }
}

export type CoreResult = { output: Tensor; scores: Tensor };

/**
 * softmax(q·kᵀ / sqrt(keyDim) masked) · v over the layout's attention axes. q, k: projected
 * [B, <dims>, N, keyDim]; v: [B, <dims>, N, valueDim]. Returns the output in q's layout (with
 * valueDim channels) and the attention probabilities in Keras' scores layout (before dropout).
 */
export function dotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  mask: Tensor | null,
  layout: AttentionLayout,
  keyDim: number,
  dropout: ((weights: Tensor) => Tensor) | null,
): CoreResult {
  const nb = layout.batchAxes.length;
  const na = layout.attention.length;
  const perm = layout.perm;
  const qT = tf.transpose(q, perm);
  const kT = tf.transpose(k, perm);
  const vT = tf.transpose(v, perm);
  const batchDims = qT.shape.slice(0, nb);
  const qAttn = qT.shape.slice(nb, nb + na);
  const kAttn = kT.shape.slice(nb, nb + na);
  const p = product(batchDims);
  const tq = product(qAttn);
  const tk = product(kAttn);
  const q3 = tf.mul(tf.reshape(qT, [p, tq, keyDim]), 1 / Math.sqrt(keyDim));
  const k3 = tf.reshape(kT, [p, tk, keyDim]);
  const v3 = tf.reshape(vT, [p, tk, v.shape[v.rank - 1]]);
  const scoresShape = [...batchDims, ...qAttn, ...kAttn];
  let logits = tf.matMul(q3, k3, false, true);
  if (mask) {
    const expanded = layout.expandMask(mask, scoresShape.length);
    let masked: Tensor;
    try {
      masked = maskScores(tf.reshape(logits, scoresShape), expanded);
    } catch (e) {
      throw new ValueError(
        `MultiHeadAttention: the attention mask of shape ${formatShape(mask.shape)} does not broadcast to the scores ${formatShape(scoresShape)} ` +
          `([batch axes, heads, query attention axes, key attention axes]); ${(e as Error).message}`,
      );
    }
    logits = tf.reshape(masked, [p, tq, tk]);
  }
  const probabilities = tf.softmax(logits);
  const weights = dropout ? dropout(probabilities) : probabilities;
  const out = tf.reshape(tf.matMul(weights, v3), [...batchDims, ...qAttn, v.shape[v.rank - 1]]);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return { output: tf.transpose(out, inverse), scores: tf.reshape(probabilities, scoresShape) };
}
