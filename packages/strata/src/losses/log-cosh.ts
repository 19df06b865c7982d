// Log-cosh loss: mean(log(cosh(yPred - yTrue))) over the last axis, computed as
// x + softplus(-2x) - log(2), which does not overflow for large errors (cosh would).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample log-cosh: about x^2 / 2 for small errors and |x| - log 2 for large ones. */
export function logCosh(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'log_cosh'", toFloat(yTrue), toFloat(yPred));
  const x = tf.sub(p, t);
  return tf.mean(tf.sub(tf.add(x, tf.softplus(tf.mul(-2, x))), Math.LN2), -1);
}

export type LogCoshConfig = LossConfig;

export class LogCosh extends Loss {
  static override readonly className = 'LogCosh';

  constructor(config: LogCoshConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return logCosh(yTrue, yPred);
  }

  static fromConfig(config: LogCoshConfig): LogCosh {
    return new LogCosh(config);
  }
}
