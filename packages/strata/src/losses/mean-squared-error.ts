// Mean squared error: mean((yTrue - yPred)^2) over the last axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample mean squared error, shape = yPred's shape without its last axis. */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'mean_squared_error'", toFloat(yTrue), toFloat(yPred));
  return tf.mean(tf.square(tf.sub(t, p)), -1);
}

export type MeanSquaredErrorConfig = LossConfig;

export class MeanSquaredError extends Loss {
  static override readonly className = 'MeanSquaredError';

  constructor(config: MeanSquaredErrorConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredError(yTrue, yPred);
  }

  static fromConfig(config: MeanSquaredErrorConfig): MeanSquaredError {
    return new MeanSquaredError(config);
  }
}
