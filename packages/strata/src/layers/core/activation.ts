// Activation: applies a named activation function element-wise (softmax on the last axis).
import type { Tensor } from '../../runtime/tf.js';
import { getActivation, serializeActivation, type Activation as ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type ActivationArgs = LayerArgs & { activation: ActivationIdentifier };
export type ActivationConfig = LayerConfig & { activation: string };

export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: ActivationFn;

  constructor(args: ActivationArgs) {
    super(args);
    this.activation = getActivation(args.activation);
  }

  call(inputs: LayerInputs): Tensor {
    return this.activation.apply(singleInput(inputs, this.name));
  }

  override getConfig(): JsonObject {
    const config: ActivationConfig = {
      ...(super.getConfig() as LayerConfig),
      activation: serializeActivation(this.activation),
    };
    return config;
  }

  static fromConfig(config: JsonObject): Activation {
    return new Activation(config as ActivationConfig);
  }
}

export function activation(args: ActivationArgs): Activation {
  return new Activation(args);
}
