// Categorical hinge (Crammer-Singer): max(0, 1 + max over wrong classes of yPred - yPred of the
// true class), with one-hot labels: pos = sum(yTrue * yPred), neg = max((1 - yTrue) * yPred).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { checkOneHotShapes, toFloat } from './loss-utils.js';

/** Per-sample categorical hinge loss, shape = yPred's shape without its class axis. */
export function categoricalHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  checkOneHotShapes("Loss 'categorical_hinge'", yTrue, yPred);
  const t = toFloat(yTrue);
  const p = toFloat(yPred);
  const pos = tf.sum(tf.mul(t, p), -1);
  const neg = tf.max(tf.mul(tf.sub(1, t), p), -1);
  return tf.maximum(tf.add(tf.sub(neg, pos), 1), 0);
}

export type CategoricalHingeConfig = LossConfig;

export class CategoricalHinge extends Loss {
  static override readonly className = 'CategoricalHinge';

  constructor(config: CategoricalHingeConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalHinge(yTrue, yPred);
  }

  static fromConfig(config: CategoricalHingeConfig): CategoricalHinge {
    return new CategoricalHinge(config);
  }
}
