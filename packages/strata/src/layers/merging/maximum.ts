// Maximum: the element-wise maximum of its inputs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type MaximumArgs = MergeArgs;

export class Maximum extends Merge {
  static override readonly className = 'Maximum';
  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.maximum(a, b));
  }

  static fromConfig(config: JsonObject): Maximum {
    return new Maximum(config as MaximumArgs);
  }
}

export function maximum(args: MaximumArgs = {}): Maximum {
  return new Maximum(args);
}
