// Masking: a timestep whose features all equal `maskValue` is padding. Its features are zeroed
// and the mask ([batch, steps], true where a timestep is kept) flows to later layers.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { constantOf } from './stop-gradient.js';

export type MaskingArgs = LayerArgs & { maskValue?: number };
export type MaskingConfig = LayerConfig & { maskValue: number };

export class Masking extends Layer {
  static override readonly className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    const value = args.maskValue ?? 0;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new ValueError(`Masking '${this.name}': maskValue must be a number, found ${JSON.stringify(value)}.`);
    }
    this.maskValue = value;
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    const keep = constantOf(x, (v) => tf.cast(tf.any(tf.notEqual(v, this.maskValue), -1, true), v.dtype));
    return tf.mul(x, keep);
  }

  override computeMask(inputs: LayerInputs, _mask: Tensor | null): Tensor {
    const x = singleInput(inputs, this.name);
    return tf.tidy(() => tf.any(tf.notEqual(x, this.maskValue), -1));
  }

  override getConfig(): JsonObject {
    const config: MaskingConfig = { ...(super.getConfig() as LayerConfig), maskValue: this.maskValue };
    return config;
  }

  static fromConfig(config: JsonObject): Masking {
    return new Masking(config as MaskingConfig);
  }
}

export function masking(args: MaskingArgs = {}): Masking {
  return new Masking(args);
}
