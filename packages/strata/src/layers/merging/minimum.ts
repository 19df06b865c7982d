// Minimum: the element-wise minimum of its inputs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type MinimumArgs = MergeArgs;

export class Minimum extends Merge {
  static override readonly className = 'Minimum';
  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.minimum(a, b));
  }

  static fromConfig(config: JsonObject): Minimum {
    return new Minimum(config as MinimumArgs);
  }
}

export function minimum(args: MinimumArgs = {}): Minimum {
  return new Minimum(args);
}
