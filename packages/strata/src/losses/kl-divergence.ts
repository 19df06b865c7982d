// Kullback-Leibler divergence KL(yTrue || yPred) = sum(yTrue * log(yTrue / yPred)) over the last
// axis, both clipped into [1e-7, 1] first (so zero labels contribute ~0, not NaN).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample KL divergence of the predicted distribution from the true one. */
export function klDivergence(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t0, p0] = alignSameShape("Loss 'kl_divergence'", toFloat(yTrue), toFloat(yPred));
  const t = tf.clipByValue(t0, EPSILON, 1);
  const p = tf.clipByValue(p0, EPSILON, 1);
  return tf.sum(tf.mul(t, tf.log(tf.div(t, p))), -1);
}

export type KLDivergenceConfig = LossConfig;

export class KLDivergence extends Loss {
  static override readonly className = 'KLDivergence';

  constructor(config: KLDivergenceConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return klDivergence(yTrue, yPred);
  }

  static fromConfig(config: KLDivergenceConfig): KLDivergence {
    return new KLDivergence(config);
  }
}
