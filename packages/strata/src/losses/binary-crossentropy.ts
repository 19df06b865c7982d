// Binary crossentropy, averaged over the last axis (Keras 3 `binary_crossentropy`).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSameShape, checkCrossentropyOptions, resolveAxis, toFloat, type CrossentropyOptions } from './loss-utils.js';

const WHERE = "Loss 'binary_crossentropy'";

/**
 * Per-sample binary crossentropy. Labels are smoothed towards 0.5 (y * (1 - s) + s / 2);
 * probabilities are clipped to [1e-7, 1 - 1e-7]; logits use the stable form
 * max(x, 0) - x * y + log(1 + exp(-|x|)).
 */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  let [t, p] = alignSameShape(WHERE, toFloat(yTrue), toFloat(yPred));
  const axis = resolveAxis(WHERE, options.axis ?? -1, p.rank);
  const smoothing = options.labelSmoothing ?? 0;
  if (smoothing > 0) t = tf.add(tf.mul(t, 1 - smoothing), 0.5 * smoothing);
  let elementwise: Tensor;
  if (options.fromLogits) {
    // `where` on x >= 0 (as TF does) keeps the gradient right at x = 0: sigmoid(0) - y.
    const nonNegative = tf.greaterEqual(p, 0);
    const reluP = tf.where(nonNegative, p, tf.zerosLike(p));
    const negAbs = tf.where(nonNegative, tf.neg(p), p);
    elementwise = tf.add(tf.sub(reluP, tf.mul(p, t)), tf.log1p(tf.exp(negAbs)));
  } else {
    const q = tf.clipByValue(p, EPSILON, 1 - EPSILON);
    const logLikelihood = tf.add(tf.mul(t, tf.log(q)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, q))));
    elementwise = tf.neg(logLikelihood);
  }
  return tf.mean(elementwise, axis);
}

export type BinaryCrossentropyConfig = LossConfig & { fromLogits?: boolean; labelSmoothing?: number; axis?: number };

export class BinaryCrossentropy extends Loss {
  static override readonly className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: BinaryCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions(WHERE, config);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return binaryCrossentropy(yTrue, yPred, this);
  }

  override getConfig(): BinaryCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }

  static fromConfig(config: BinaryCrossentropyConfig): BinaryCrossentropy {
    return new BinaryCrossentropy(config);
  }
}
