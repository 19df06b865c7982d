// Hinge loss: mean(max(1 - yTrue * yPred, 0)) over the last axis, labels in {-1, 1}.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { alignSameShape, toFloat } from './loss-utils.js';

/**
 * Keras converts {0, 1} labels to {-1, 1} when every label is 0 or 1, and leaves other labels
 * alone. The test runs on the device (no data read): flag is 1 when all labels are binary.
 */
export function convertBinaryLabelsToHinge(yTrue: Tensor): Tensor {
  const isBinary = tf.all(tf.logicalOr(tf.equal(yTrue, 0), tf.equal(yTrue, 1)));
  const flag = tf.cast(isBinary, 'float32');
  return tf.add(yTrue, tf.mul(flag, tf.sub(yTrue, 1))); // y + flag * (y - 1) = 2y - 1 when binary
}

/** Per-sample hinge loss, shape = yPred's shape without its last axis. */
export function hinge(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'hinge'", toFloat(yTrue), toFloat(yPred));
  const signed = convertBinaryLabelsToHinge(t);
  // maximum (not relu) so that the gradient at the hinge point flows, as TF's Maximum does.
  return tf.mean(tf.maximum(tf.sub(1, tf.mul(signed, p)), 0), -1);
}

export type HingeConfig = LossConfig;

export class Hinge extends Loss {
  static override readonly className = 'Hinge';

  constructor(config: HingeConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return hinge(yTrue, yPred);
  }

  static fromConfig(config: HingeConfig): Hinge {
    return new Hinge(config);
  }
}
