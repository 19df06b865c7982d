// ELU layer: x for x > 0, alpha * (exp(x) - 1) otherwise (default alpha 1).
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type ELUArgs = LayerArgs & { alpha?: number };
export type ELUConfig = LayerConfig & { alpha: number };

export class ELU extends Layer {
  static override readonly className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    const alpha = args.alpha ?? 1;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
      throw new ValueError(`ELU '${this.name}': alpha must be a finite number, found ${JSON.stringify(alpha)}.`);
    }
    this.alpha = alpha;
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    if (this.alpha === 1) return tf.elu(x);
    // relu(x) + alpha * (exp(min(x, 0)) - 1): no comparison op (which would have no gradient),
    // and exp never sees a large positive x (whose Infinity would turn the gradient into NaN).
    return tf.add(tf.relu(x), tf.mul(this.alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1)));
  }

  override getConfig(): JsonObject {
    const config: ELUConfig = { ...(super.getConfig() as LayerConfig), alpha: this.alpha };
    return config;
  }

  static fromConfig(config: JsonObject): ELU {
    return new ELU(config as ELUConfig);
  }
}

/** tfjs-layers spells the factory `elu`; `eLU` matches the other advanced activations. */
export function eLU(args: ELUArgs = {}): ELU {
  return new ELU(args);
}
