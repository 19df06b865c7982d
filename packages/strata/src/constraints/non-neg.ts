// NonNeg: clamps every entry of a weight at zero from below (Keras 3: maximum(w, 0)).
import { tf, type Tensor } from '../runtime/tf.js';
import type { Constraint } from './constraint.js';

export class NonNeg implements Constraint {
  static readonly className = 'NonNeg';

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => tf.maximum(weight, tf.scalar(0, weight.dtype)));
  }

  getClassName(): string {
    return NonNeg.className;
  }

  getConfig(): Record<string, never> {
    return {};
  }

  static fromConfig(): NonNeg {
    return new NonNeg();
  }
}

export const nonNeg = (): NonNeg => new NonNeg();
