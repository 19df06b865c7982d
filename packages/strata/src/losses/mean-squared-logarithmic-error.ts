// Mean squared logarithmic error: mean((log(1 + max(yPred, eps)) - log(1 + max(yTrue, eps)))^2).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample MSLE; negative values are floored at 1e-7 before the log, as in Keras. */
export function meanSquaredLogarithmicError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'mean_squared_logarithmic_error'", toFloat(yTrue), toFloat(yPred));
  const logP = tf.log1p(tf.maximum(p, EPSILON));
  const logT = tf.log1p(tf.maximum(t, EPSILON));
  return tf.mean(tf.square(tf.sub(logP, logT)), -1);
}

export type MeanSquaredLogarithmicErrorConfig = LossConfig;

export class MeanSquaredLogarithmicError extends Loss {
  static override readonly className = 'MeanSquaredLogarithmicError';

  constructor(config: MeanSquaredLogarithmicErrorConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredLogarithmicError(yTrue, yPred);
  }

  static fromConfig(config: MeanSquaredLogarithmicErrorConfig): MeanSquaredLogarithmicError {
    return new MeanSquaredLogarithmicError(config);
  }
}
