// Categorical focal crossentropy (Lin et al. 2017), Keras 3 semantics:
//   sum over classes of alpha * (1 - p)^gamma * (-yTrue * log p)
// with p the predictions renormalized along `axis` and clipped to [1e-7, 1 - 1e-7].
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import {
  EPSILON,
  checkCrossentropyOptions,
  checkFiniteOption,
  checkOneHotShapes,
  resolveAxis,
  toFloat,
  type CrossentropyOptions,
} from './loss-utils.js';

const WHERE = "Loss 'categorical_focal_crossentropy'";

export type CategoricalFocalOptions = CrossentropyOptions & { gamma?: number; alpha?: number };

/** Per-sample categorical focal crossentropy; logits go through a softmax along `axis` first. */
export function categoricalFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalFocalOptions = {}): Tensor {
  checkOneHotShapes(WHERE, yTrue, yPred);
  let t = toFloat(yTrue);
  let p = toFloat(yPred);
  const axis = resolveAxis(WHERE, options.axis ?? -1, p.rank);
  const smoothing = options.labelSmoothing ?? 0;
  if (smoothing > 0) t = tf.add(tf.mul(t, 1 - smoothing), smoothing / p.shape[axis]);
  // A softmax along any axis: exp(x - logsumexp(x)).
  if (options.fromLogits) p = tf.exp(tf.sub(p, tf.logSumExp(p, axis, true)));
  const output = tf.clipByValue(tf.div(p, tf.sum(p, axis, true)), EPSILON, 1 - EPSILON);
  const ce = tf.neg(tf.mul(t, tf.log(output)));
  const weight = tf.mul(tf.pow(tf.sub(1, output), options.gamma ?? 2), options.alpha ?? 0.25);
  return tf.sum(tf.mul(weight, ce), axis);
}

export type CategoricalFocalCrossentropyConfig = LossConfig & {
  alpha?: number;
  gamma?: number;
  fromLogits?: boolean;
  labelSmoothing?: number;
  axis?: number;
};

export class CategoricalFocalCrossentropy extends Loss {
  static override readonly className = 'CategoricalFocalCrossentropy';
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: CategoricalFocalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions(WHERE, config);
    this.alpha = checkFiniteOption(WHERE, 'alpha', config.alpha ?? 0.25);
    this.gamma = checkFiniteOption(WHERE, 'gamma', config.gamma ?? 2, 0);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalFocalCrossentropy(yTrue, yPred, this);
  }

  override getConfig(): CategoricalFocalCrossentropyConfig {
    return {
      ...super.getConfig(),
      alpha: this.alpha,
      gamma: this.gamma,
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }

  static fromConfig(config: CategoricalFocalCrossentropyConfig): CategoricalFocalCrossentropy {
    return new CategoricalFocalCrossentropy(config);
  }
}
