// ThresholdedReLU: x where x > theta, 0 elsewhere (default theta 1).
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { constantOf } from '../core/stop-gradient.js';

export type ThresholdedReLUArgs = LayerArgs & { theta?: number };
export type ThresholdedReLUConfig = LayerConfig & { theta: number };

export class ThresholdedReLU extends Layer {
  static override readonly className = 'ThresholdedReLU';
  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    const theta = args.theta ?? 1;
    if (typeof theta !== 'number' || !(theta >= 0)) {
      throw new ValueError(`ThresholdedReLU '${this.name}': theta must be a number >= 0, found ${JSON.stringify(theta)}.`);
    }
    this.theta = theta;
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    return tf.mul(x, constantOf(x, (v) => tf.cast(tf.greater(v, this.theta), v.dtype)));
  }

  override getConfig(): JsonObject {
    const config: ThresholdedReLUConfig = { ...(super.getConfig() as LayerConfig), theta: this.theta };
    return config;
  }

  static fromConfig(config: JsonObject): ThresholdedReLU {
    return new ThresholdedReLU(config as ThresholdedReLUConfig);
  }
}

export function thresholdedReLU(args: ThresholdedReLUArgs = {}): ThresholdedReLU {
  return new ThresholdedReLU(args);
}
