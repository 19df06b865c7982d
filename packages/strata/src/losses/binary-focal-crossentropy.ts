// Binary focal crossentropy (Lin et al. 2017), Keras 3 semantics: the binary crossentropy of
// each element scaled by (1 - p_t)^gamma, where p_t is the probability given to the true label,
// so confident correct predictions count less. Optional class balancing weighs positives by
// alpha and negatives by 1 - alpha. Averaged over `axis`.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import {
  EPSILON,
  alignSameShape,
  checkCrossentropyOptions,
  checkFiniteOption,
  resolveAxis,
  toFloat,
  type CrossentropyOptions,
} from './loss-utils.js';

const WHERE = "Loss 'binary_focal_crossentropy'";

export type BinaryFocalOptions = CrossentropyOptions & { gamma?: number; alpha?: number; applyClassBalancing?: boolean };

/**
 * Per-sample binary focal crossentropy. Labels are smoothed towards 0.5; logits go through a
 * sigmoid first, and the crossentropy clips probabilities to [1e-7, 1 - 1e-7], as Keras does.
 */
export function binaryFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: BinaryFocalOptions = {}): Tensor {
  let [t, p] = alignSameShape(WHERE, toFloat(yTrue), toFloat(yPred));
  const axis = resolveAxis(WHERE, options.axis ?? -1, p.rank);
  const smoothing = options.labelSmoothing ?? 0;
  const gamma = options.gamma ?? 2;
  const alpha = options.alpha ?? 0.25;
  if (smoothing > 0) t = tf.add(tf.mul(t, 1 - smoothing), 0.5 * smoothing);
  if (options.fromLogits) p = tf.sigmoid(p);
  const q = tf.clipByValue(p, EPSILON, 1 - EPSILON);
  const bce = tf.neg(tf.add(tf.mul(t, tf.log(q)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, q)))));
  const pT = tf.add(tf.mul(t, p), tf.mul(tf.sub(1, t), tf.sub(1, p)));
  let focal = tf.mul(tf.pow(tf.sub(1, pT), gamma), bce);
  if (options.applyClassBalancing) {
    const weight = tf.add(tf.mul(t, alpha), tf.mul(tf.sub(1, t), 1 - alpha));
    focal = tf.mul(weight, focal);
  }
  return tf.mean(focal, axis);
}

export type BinaryFocalCrossentropyConfig = LossConfig & {
  applyClassBalancing?: boolean;
  alpha?: number;
  gamma?: number;
  fromLogits?: boolean;
  labelSmoothing?: number;
  axis?: number;
};

export class BinaryFocalCrossentropy extends Loss {
  static override readonly className = 'BinaryFocalCrossentropy';
  readonly applyClassBalancing: boolean;
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: BinaryFocalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions(WHERE, config);
    this.applyClassBalancing = config.applyClassBalancing ?? false;
    this.alpha = checkFiniteOption(WHERE, 'alpha', config.alpha ?? 0.25);
    this.gamma = checkFiniteOption(WHERE, 'gamma', config.gamma ?? 2, 0);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return binaryFocalCrossentropy(yTrue, yPred, this);
  }

  override getConfig(): BinaryFocalCrossentropyConfig {
    return {
      ...super.getConfig(),
      applyClassBalancing: this.applyClassBalancing,
      alpha: this.alpha,
      gamma: this.gamma,
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }

  static fromConfig(config: BinaryFocalCrossentropyConfig): BinaryFocalCrossentropy {
    return new BinaryFocalCrossentropy(config);
  }
}
