// Mean absolute error: mean(|yTrue - yPred|) over the last axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample mean absolute error, shape = yPred's shape without its last axis. */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'mean_absolute_error'", toFloat(yTrue), toFloat(yPred));
  return tf.mean(tf.abs(tf.sub(t, p)), -1);
}

export type MeanAbsoluteErrorConfig = LossConfig;

export class MeanAbsoluteError extends Loss {
  static override readonly className = 'MeanAbsoluteError';

  constructor(config: MeanAbsoluteErrorConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }

  static fromConfig(config: MeanAbsoluteErrorConfig): MeanAbsoluteError {
    return new MeanAbsoluteError(config);
  }
}
