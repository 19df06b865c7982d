// Subtract: the element-wise difference of exactly two inputs, first minus second.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type SubtractArgs = MergeArgs;

export class Subtract extends Merge {
  static override readonly className = 'Subtract';
  protected override readonly minInputs = 2;
  protected override readonly maxInputs = 2;

  protected merge(inputs: Tensor[]): Tensor {
    return tf.sub(inputs[0], inputs[1]);
  }

  static fromConfig(config: JsonObject): Subtract {
    return new Subtract(config as SubtractArgs);
  }
}

export function subtract(args: SubtractArgs = {}): Subtract {
  return new Subtract(args);
}
