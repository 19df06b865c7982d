// Average: the element-wise mean of its inputs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type AverageArgs = MergeArgs;

export class Average extends Merge {
  static override readonly className = 'Average';
  protected merge(inputs: Tensor[]): Tensor {
    return tf.div(inputs.reduce((a, b) => tf.add(a, b)), inputs.length);
  }

  static fromConfig(config: JsonObject): Average {
    return new Average(config as AverageArgs);
  }
}

export function average(args: AverageArgs = {}): Average {
  return new Average(args);
}
