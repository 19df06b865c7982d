// Mean absolute percentage error: 100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7)) over the last axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample MAPE, in percent; labels near 0 are floored at 1e-7 so the ratio stays finite. */
export function meanAbsolutePercentageError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'mean_absolute_percentage_error'", toFloat(yTrue), toFloat(yPred));
  const ratio = tf.abs(tf.div(tf.sub(t, p), tf.maximum(tf.abs(t), EPSILON)));
  return tf.mul(100, tf.mean(ratio, -1));
}

export type MeanAbsolutePercentageErrorConfig = LossConfig;

export class MeanAbsolutePercentageError extends Loss {
  static override readonly className = 'MeanAbsolutePercentageError';

  constructor(config: MeanAbsolutePercentageErrorConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }

  static fromConfig(config: MeanAbsolutePercentageErrorConfig): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(config);
  }
}
