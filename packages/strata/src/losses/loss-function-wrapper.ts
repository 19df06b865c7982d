// A user-supplied per-sample function (yTrue, yPred) => losses, given the Loss interface.
import type { Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { Loss, type LossConfig } from './loss.js';
import { squeezeOrExpandToSameRank } from './loss-utils.js';

/** Returns per-sample losses (any shape with a leading batch axis; a scalar also works). */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Wraps a plain function. It serializes its name and reduction only: a function cannot be
 * rebuilt from a config, so to save and reload a custom loss, subclass Loss and register it.
 */
export class LossFunctionWrapper extends Loss {
  static override readonly className = 'LossFunctionWrapper';
  readonly fn: LossFunction;

  constructor(fn: LossFunction, config: LossConfig = {}) {
    if (typeof fn !== 'function') {
      throw new ValueError(`LossFunctionWrapper: expected a function (yTrue, yPred) => Tensor, found ${typeof fn}.`);
    }
    super({ ...config, name: config.name ?? (fn.name || 'loss') });
    this.fn = fn;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    // Keras aligns ranks first, so [batch] labels work with [batch, 1] predictions.
    const [t, p] = squeezeOrExpandToSameRank(yTrue, yPred);
    return this.fn(t, p);
  }
}
