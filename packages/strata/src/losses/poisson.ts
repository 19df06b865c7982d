// Poisson loss (negative log-likelihood of counts, up to a constant):
//   mean(yPred - yTrue * log(yPred + 1e-7)) over the last axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, alignSameShape, toFloat } from './loss-utils.js';

/** Per-sample Poisson loss; yPred is the predicted rate (>= 0). */
export function poisson(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Loss 'poisson'", toFloat(yTrue), toFloat(yPred));
  return tf.mean(tf.sub(p, tf.mul(t, tf.log(tf.add(p, EPSILON)))), -1);
}

export type PoissonConfig = LossConfig;

export class Poisson extends Loss {
  static override readonly className = 'Poisson';

  constructor(config: PoissonConfig = {}) {
    super(config);
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return poisson(yTrue, yPred);
  }

  static fromConfig(config: PoissonConfig): Poisson {
    return new Poisson(config);
  }
}
