// The contract a weight regularizer fulfils. The catalog (l1, l2, l1l2) comes with the layer
// catalog issue; the engine already adds whatever a weight's regularizer returns to the loss.
import type { Tensor } from '../runtime/tf.js';
import type { Serializable } from '../saving/serialization.js';

export interface Regularizer extends Serializable {
  /** A scalar penalty for the given weight value. */
  apply(weight: Tensor): Tensor;
}
