// RepeatVector: [batch, features] -> [batch, n, features], the input repeated n times.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type RepeatVectorArgs = LayerArgs & { n: number };
export type RepeatVectorConfig = LayerConfig & { n: number };

export class RepeatVector extends Layer {
  static override readonly className = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    if (!Number.isInteger(args.n) || args.n <= 0) {
      throw new ValueError(`RepeatVector '${this.name}': n must be a positive integer, found ${JSON.stringify(args.n)}.`);
    }
    this.n = args.n;
    this.inputSpec = [new InputSpec({ ndim: 2 })];
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    return tf.tile(tf.expandDims(x, 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.n, inputShape[1]];
  }

  override getConfig(): JsonObject {
    const config: RepeatVectorConfig = { ...(super.getConfig() as LayerConfig), n: this.n };
    return config;
  }

  static fromConfig(config: JsonObject): RepeatVector {
    return new RepeatVector(config as RepeatVectorConfig);
  }
}

export function repeatVector(args: RepeatVectorArgs): RepeatVector {
  return new RepeatVector(args);
}
