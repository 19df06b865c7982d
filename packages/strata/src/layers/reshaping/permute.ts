// Permute: reorders the non-batch axes. `dims` is 1-based, as in Keras: [2, 1] swaps the two
// axes of [batch, a, b].
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type PermuteArgs = LayerArgs & { dims: number[] };
export type PermuteConfig = LayerConfig & { dims: number[] };

export class Permute extends Layer {
  static override readonly className = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || dims.length === 0 || !sorted.every((d, i) => d === i + 1)) {
      throw new ValueError(
        `Permute '${this.name}': dims must be a permutation of 1..n (the non-batch axes, 1-based), found ${JSON.stringify(dims)}.`,
      );
    }
    this.dims = [...dims];
    this.inputSpec = [new InputSpec({ ndim: dims.length + 1 })];
  }

  call(inputs: LayerInputs): Tensor {
    return tf.transpose(singleInput(inputs, this.name), [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], ...this.dims.map((d) => inputShape[d])];
  }

  override getConfig(): JsonObject {
    const config: PermuteConfig = { ...(super.getConfig() as LayerConfig), dims: this.dims };
    return config;
  }

  static fromConfig(config: JsonObject): Permute {
    return new Permute(config as PermuteConfig);
  }
}

export function permute(args: PermuteArgs): Permute {
  return new Permute(args);
}
