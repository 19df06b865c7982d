// Pieces shared by the attention layers: reading the [query, value, key, mask] input list,
// boolean masks (causal, padding) turned into additive logits, and seeded dropout.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';

/** The roles of an attention layer's inputs. A single tensor is self-attention. */
export type AttentionParts<T> = { query: T; value: T; key: T; attentionMask: T | null; selfAttention: boolean };

/**
 * Splits what `apply` received: a tensor (self-attention), or [query, value], [query, value, key]
 * and, where `withMask`, [query, value, key, attentionMask]. `isList` tells a list of shapes
 * from a single shape (both are arrays).
 */
export function attentionParts<T>(inputs: T | T[], where: string, withMask: boolean, isList = Array.isArray(inputs)): AttentionParts<T> {
  if (!isList) {
    const x = inputs as T;
    return { query: x, value: x, key: x, attentionMask: null, selfAttention: true };
  }
  inputs = inputs as T[];
  const max = withMask ? 4 : 3;
  if (inputs.length < 1 || inputs.length > max) {
    const forms = withMask ? '[query, value], [query, value, key] or [query, value, key, attentionMask]' : '[query, value] or [query, value, key]';
    throw new ValueError(`${where}: expected a tensor (self-attention) or a list ${forms}; found a list of ${inputs.length}.`);
  }
  const [query, value = query, key = value, attentionMask = null] = inputs;
  return { query, value, key, attentionMask, selfAttention: inputs.length === 1 };
}

/** Throws unless `shape` has the given rank and a known last axis. */
export function checkRankAndFeatures(shape: Shape, rank: number | 'atLeast3', role: string, where: string): number {
  const ok = rank === 'atLeast3' ? shape.length >= 3 : shape.length === rank;
  if (!ok) {
    const expected = rank === 'atLeast3' ? 'rank >= 3 ([batch, ..., features])' : `rank ${rank} ([batch, steps, features])`;
    throw new ValueError(`${where}: the ${role} must have ${expected}, found shape ${formatShape(shape)}.`);
  }
  const features = shape[shape.length - 1];
  if (features === null) throw new ValueError(`${where}: the last axis of the ${role} must be known, found shape ${formatShape(shape)}.`);
  return features;
}

/** [1, tq, tk] boolean, true where query position i may see key position j (j <= i). */
export function causalMask(tq: number, tk: number): Tensor {
  const values = new Uint8Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = 0; j <= Math.min(i, tk - 1); j++) values[i * tk + j] = 1;
  return tf.tensor(values, [1, tq, tk], 'bool');
}

/** Logical AND of the masks given (broadcasting), or null when there are none. */
export function andMasks(masks: Array<Tensor | null | undefined>): Tensor | null {
  const present = masks.filter((m): m is Tensor => m !== null && m !== undefined).map((m) => (m.dtype === 'bool' ? m : tf.cast(m, 'bool')));
  if (present.length === 0) return null;
  return present.reduce((a, b) => tf.logicalAnd(a, b));
}

/** scores - 1e9 where the mask is false: masked positions get ~zero softmax weight. */
export function maskScores(scores: Tensor, mask: Tensor | null): Tensor {
  if (!mask) return scores;
  return tf.sub(scores, tf.mul(tf.sub(1, tf.cast(mask, scores.dtype)), 1e9));
}

/** Dropout with expected value kept; with a seed, each call draws the next seed of a fixed stream. */
export class SeededDropout {
  private state: number;
  constructor(
    readonly rate: number,
    readonly seed: number | null,
  ) {
    this.state = seed ?? 0;
  }

  apply(x: Tensor): Tensor {
    if (this.rate === 0) return x;
    let seed: number | undefined;
    if (this.seed !== null) {
      this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
      seed = this.state;
    }
    const keep = 1 - this.rate;
    const kept = tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', seed), keep), x.dtype);
    return tf.mul(x, tf.mul(kept, 1 / keep));
  }
}

/** Throws unless `rate` is in [0, 1). */
export function checkDropoutRate(rate: unknown, where: string): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new ValueError(`${where}: dropout must be a number in [0, 1), found ${JSON.stringify(rate)}.`);
  }
  return rate;
}

/** Throws unless `seed` is an integer or null. */
export function checkSeed(seed: unknown, where: string): number | null {
  if (seed === null || seed === undefined) return null;
  if (!Number.isInteger(seed)) throw new ValueError(`${where}: seed must be an integer or null, found ${JSON.stringify(seed)}.`);
  return seed as number;
}
