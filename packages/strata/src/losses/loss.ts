// The Loss base class: a per-sample `call` that subclasses write, and the sample weighting and
// reduction that all losses share (Keras 3 `keras/src/losses/loss.py` semantics).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import type { Serializable } from '../saving/serialization.js';
import { toSnakeCase } from '../engine/names.js';
import { toFloat } from './loss-utils.js';

/** Keras 3 reduction names. 'mean' is the same as 'sum_over_batch_size'. */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none' | 'mean';
export const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum', 'none', 'mean'];

export type LossConfig = { name?: string; reduction?: Reduction };

export abstract class Loss implements Serializable {
  /** Subclasses set their own; it is the registry key and the Keras `class_name`. */
  static readonly className: string = 'Loss';
  readonly name: string;
  readonly reduction: Reduction;

  constructor(config: LossConfig = {}) {
    const className = (this.constructor as typeof Loss).className;
    const reduction = config.reduction ?? 'sum_over_batch_size';
    if (!REDUCTIONS.includes(reduction)) {
      throw new ValueError(
        `${className}: expected reduction to be one of ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}, found ${JSON.stringify(reduction)}.`,
      );
    }
    if (config.name !== undefined && (typeof config.name !== 'string' || config.name === '')) {
      throw new ValueError(`${className}: expected name to be a non-empty string, found ${JSON.stringify(config.name)}.`);
    }
    this.name = config.name ?? toSnakeCase(className);
    this.reduction = reduction;
  }

  /**
   * Per-sample loss: reduces the last (feature) axis as Keras does, so [batch, features] gives
   * [batch] and [batch, steps, features] gives [batch, steps].
   */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The loss as training uses it: `call`, then sample weights (shape [batch], [batch, 1] or
   * the shape of the per-sample loss), then the reduction. 'sum_over_batch_size' (and 'mean')
   * divide the weighted sum by the number of per-sample values, as Keras does; 'none' returns
   * the weighted per-sample values.
   */
  compute(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
    return tf.tidy(() => {
      let values = toFloat(this.call(yTrue, yPred));
      if (sampleWeight !== undefined) values = applySampleWeight(this.name, values, sampleWeight);
      return reduceValues(values, this.reduction);
    });
  }

  getClassName(): string {
    return (this.constructor as typeof Loss).className;
  }

  getConfig(): LossConfig {
    return { name: this.name, reduction: this.reduction };
  }
}

/** Multiplies per-sample values by weights whose shape is a prefix of theirs (up to a trailing 1). */
export function applySampleWeight(where: string, values: Tensor, sampleWeight: Tensor): Tensor {
  const v = values;
  let w = toFloat(sampleWeight);
  // A scalar loss (a user function that already reduced) is scaled per sample, as in Keras.
  if (v.rank === 0) return tf.mul(v, w);
  // [batch, 1] weights for [batch] losses: drop the trailing 1 so 'none' keeps shape [batch].
  while (w.rank > v.rank && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [w.rank - 1]);
  const compatible = w.rank <= v.rank && w.shape.every((d, i) => d === v.shape[i] || d === 1);
  if (!compatible) {
    throw new ValueError(
      `Loss '${where}': expected sampleWeight of shape ${formatShape(v.shape.slice(0, 1))} ` +
        `(or the per-sample loss shape ${formatShape(v.shape)}), found ${formatShape(sampleWeight.shape)}.`,
    );
  }
  while (w.rank < v.rank) w = tf.expandDims(w, -1);
  return tf.mul(v, w);
}

/** Keras' `reduce_values`: scalars and 'none' pass through; the rest sum (and divide). */
export function reduceValues(values: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none' || values.rank === 0) return values;
  const total = tf.sum(values);
  if (reduction === 'sum' || values.size === 0) return total;
  return tf.div(total, values.size);
}
