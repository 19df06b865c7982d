// Categorical crossentropy with integer class labels (Keras 3 `sparse_categorical_crossentropy`).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSparseLabels, checkCrossentropyOptions, resolveAxis, toFloat } from './loss-utils.js';

const WHERE = "Loss 'sparse_categorical_crossentropy'";

export type SparseCrossentropyOptions = { fromLogits?: boolean; axis?: number };

/**
 * Per-sample sparse categorical crossentropy. As in Keras, probabilities are clipped to
 * [1e-7, 1 - 1e-7], then their log goes through a log-softmax (which renormalizes them).
 * Labels outside [0, classes) select no class and give a loss of 0 (no data is read to check).
 */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: SparseCrossentropyOptions = {}): Tensor {
  const p = toFloat(yPred);
  const labels = tf.cast(alignSparseLabels(WHERE, yTrue, p), 'int32');
  const axis = resolveAxis(WHERE, options.axis ?? -1, p.rank);
  if (axis !== p.rank - 1) {
    throw new ValueError(`${WHERE}: only the last axis (-1) is supported as the class axis, found axis ${options.axis}.`);
  }
  const logits = options.fromLogits ? p : tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON));
  const logProbs = tf.sub(logits, tf.logSumExp(logits, -1, true));
  const oneHot = tf.cast(tf.oneHot(labels, p.shape[axis]), 'float32');
  return tf.neg(tf.sum(tf.mul(oneHot, logProbs), -1));
}

export type SparseCategoricalCrossentropyConfig = LossConfig & { fromLogits?: boolean; axis?: number };

export class SparseCategoricalCrossentropy extends Loss {
  static override readonly className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly axis: number;

  constructor(config: SparseCategoricalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions(WHERE, config);
    this.fromLogits = config.fromLogits ?? false;
    this.axis = config.axis ?? -1;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return sparseCategoricalCrossentropy(yTrue, yPred, this);
  }

  override getConfig(): SparseCategoricalCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, axis: this.axis };
  }

  static fromConfig(config: SparseCategoricalCrossentropyConfig): SparseCategoricalCrossentropy {
    return new SparseCategoricalCrossentropy(config);
  }
}
