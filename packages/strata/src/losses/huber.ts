// Huber loss: quadratic for small errors, linear beyond `delta` (Keras 3 `huber`):
//   e = yPred - yTrue;  0.5 e^2 if |e| <= delta, else delta |e| - 0.5 delta^2;  mean over the last axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, checkFiniteOption, toFloat } from './loss-utils.js';

/** Per-sample Huber loss. */
export function huber(yTrue: Tensor, yPred: Tensor, delta = 1): Tensor {
  const [t, p] = alignSameShape("Loss 'huber_loss'", toFloat(yTrue), toFloat(yPred));
  const error = tf.sub(p, t);
  const absError = tf.abs(error);
  const quadratic = tf.mul(0.5, tf.square(error));
  const linear = tf.sub(tf.mul(delta, absError), 0.5 * delta * delta);
  return tf.mean(tf.where(tf.lessEqual(absError, delta), quadratic, linear), -1);
}

export type HuberConfig = LossConfig & { delta?: number };

export class Huber extends Loss {
  static override readonly className = 'Huber';
  readonly delta: number;

  constructor(config: HuberConfig = {}) {
    super({ ...config, name: config.name ?? 'huber_loss' });
    this.delta = checkFiniteOption("Loss 'huber_loss'", 'delta', config.delta ?? 1, 0);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return huber(yTrue, yPred, this.delta);
  }

  override getConfig(): HuberConfig {
    return { ...super.getConfig(), delta: this.delta };
  }

  static fromConfig(config: HuberConfig): Huber {
    return new Huber(config);
  }
}
