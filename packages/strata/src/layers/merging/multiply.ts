// Multiply: the element-wise product of its inputs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type MultiplyArgs = MergeArgs;

export class Multiply extends Merge {
  static override readonly className = 'Multiply';
  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.mul(a, b));
  }

  static fromConfig(config: JsonObject): Multiply {
    return new Multiply(config as MultiplyArgs);
  }
}

export function multiply(args: MultiplyArgs = {}): Multiply {
  return new Multiply(args);
}
