// Squared hinge: mean(max(1 - yTrue * yPred, 0)^2) over the last axis, labels in {-1, 1}
// ({0, 1} labels are converted as for the hinge loss).
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, toFloat } from './loss-utils.js';
import { convertBinaryLabelsToHinge } from './hinge.js';

/** Per-sample squared hinge loss. */
export function squaredHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'squared_hinge'", toFloat(yTrue), toFloat(yPred));
  const signed = convertBinaryLabelsToHinge(t);
  return tf.mean(tf.square(tf.maximum(tf.sub(1, tf.mul(signed, p)), 0)), -1);
}

export type SquaredHingeConfig = LossConfig;

export class SquaredHinge extends Loss {
  static override readonly className = 'SquaredHinge';

  constructor(config: SquaredHingeConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return squaredHinge(yTrue, yPred);
  }

  static fromConfig(config: SquaredHingeConfig): SquaredHinge {
    return new SquaredHinge(config);
  }
}
