// LeakyReLU: x for x >= 0, negativeSlope * x below (default slope 0.3). Keras 3 calls the slope
// `negative_slope`, Keras 2 and tfjs-layers `alpha`; both are accepted. The config writes
// `alpha`, the one spelling that Keras 2, Keras 3 and tfjs-layers all read.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type LeakyReLUArgs = LayerArgs & { alpha?: number; negativeSlope?: number };
export type LeakyReLUConfig = LayerConfig & { alpha: number };

export class LeakyReLU extends Layer {
  static override readonly className = 'LeakyReLU';
  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    if (args.alpha !== undefined && args.negativeSlope !== undefined && args.alpha !== args.negativeSlope) {
      throw new ValueError(
        `LeakyReLU '${this.name}': alpha (${args.alpha}) and negativeSlope (${args.negativeSlope}) name the same slope; give one of them.`,
      );
    }
    const slope = args.negativeSlope ?? args.alpha ?? 0.3;
    if (typeof slope !== 'number' || !(slope >= 0)) {
      throw new ValueError(`LeakyReLU '${this.name}': negativeSlope (alpha) must be a number >= 0, found ${JSON.stringify(slope)}.`);
    }
    this.negativeSlope = slope;
    this.supportsMasking = true;
  }

  /** tfjs-layers' name for the slope. */
  get alpha(): number {
    return this.negativeSlope;
  }

  call(inputs: LayerInputs): Tensor {
    return tf.leakyRelu(singleInput(inputs, this.name), this.negativeSlope);
  }

  override getConfig(): JsonObject {
    const config: LeakyReLUConfig = { ...(super.getConfig() as LayerConfig), alpha: this.negativeSlope };
    return config;
  }

  static fromConfig(config: JsonObject): LeakyReLU {
    return new LeakyReLU(config as LeakyReLUArgs & LayerConfig);
  }
}

export function leakyReLU(args: LeakyReLUArgs = {}): LeakyReLU {
  return new LeakyReLU(args);
}
