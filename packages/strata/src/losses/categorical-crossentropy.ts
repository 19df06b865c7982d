// Categorical crossentropy with one-hot (or soft) labels, summed over the class axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import {
  EPSILON,
  checkCrossentropyOptions,
  checkOneHotShapes,
  resolveAxis,
  toFloat,
  type CrossentropyOptions,
} from './loss-utils.js';

const WHERE = "Loss 'categorical_crossentropy'";

/**
 * Per-sample categorical crossentropy. Labels are smoothed as y * (1 - s) + s / classes.
 * Probabilities are renormalized to sum to 1 along the axis and clipped to [1e-7, 1 - 1e-7]
 * (Keras); logits go through a log-softmax.
 */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkOneHotShapes(WHERE, yTrue, yPred);
  let t = toFloat(yTrue);
  const p = toFloat(yPred);
  const axis = resolveAxis(WHERE, options.axis ?? -1, p.rank);
  const smoothing = options.labelSmoothing ?? 0;
  if (smoothing > 0) t = tf.add(tf.mul(t, 1 - smoothing), smoothing / p.shape[axis]);
  let logProbs: Tensor;
  if (options.fromLogits) {
    logProbs = tf.sub(p, tf.logSumExp(p, axis, true));
  } else {
    const normalized = tf.div(p, tf.sum(p, axis, true));
    logProbs = tf.log(tf.clipByValue(normalized, EPSILON, 1 - EPSILON));
  }
  return tf.neg(tf.sum(tf.mul(t, logProbs), axis));
}

export type CategoricalCrossentropyConfig = LossConfig & { fromLogits?: boolean; labelSmoothing?: number; axis?: number };

export class CategoricalCrossentropy extends Loss {
  static override readonly className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: CategoricalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions(WHERE, config);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalCrossentropy(yTrue, yPred, this);
  }

  override getConfig(): CategoricalCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }

  static fromConfig(config: CategoricalCrossentropyConfig): CategoricalCrossentropy {
    return new CategoricalCrossentropy(config);
  }
}
