// Add: the element-wise sum of its inputs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type AddArgs = MergeArgs;

export class Add extends Merge {
  static override readonly className = 'Add';
  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.add(a, b));
  }

  static fromConfig(config: JsonObject): Add {
    return new Add(config as AddArgs);
  }
}

export function add(args: AddArgs = {}): Add {
  return new Add(args);
}
