// The contract a weight constraint fulfils: applied to a weight after each optimizer step.
import type { Tensor } from '../runtime/tf.js';
import type { Serializable } from '../saving/serialization.js';

export interface Constraint extends Serializable {
  /** Returns the projected weight value. */
  apply(weight: Tensor): Tensor;
}
