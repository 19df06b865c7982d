// Dropout: in training, zeroes each input with probability `rate` and scales the rest by
// 1/(1-rate), so the expected value is unchanged; at inference it is the identity.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type DropoutArgs = LayerArgs & {
  rate: number;
  /** Shape of the keep/drop mask, broadcast over the input; null entries take the input's size. */
  noiseShape?: (number | null)[] | null;
  seed?: number | null;
};
export type DropoutConfig = LayerConfig & { rate: number; noiseShape: (number | null)[] | null; seed: number | null };

export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  /** With a seed, each call draws the next seed of a deterministic stream (Keras' SeedGenerator). */
  private seedState: number;

  constructor(args: DropoutArgs) {
    super(args);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new ValueError(`Dropout '${this.name}': rate must be a number in [0, 1), found ${typeof args.rate === 'number' ? args.rate : JSON.stringify(args.rate)}.`);
    }
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.seedState = this.seed ?? 0;
  }

  private nextSeed(): number | undefined {
    if (this.seed === null) return undefined;
    this.seedState = (Math.imul(this.seedState, 1664525) + 1013904223) >>> 0;
    return this.seedState;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    if (!options.training || this.rate === 0) return tf.clone(x);
    const maskShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : x.shape;
    const keepProbability = 1 - this.rate;
    const random = tf.randomUniform(maskShape, 0, 1, 'float32', this.nextSeed());
    const keep = tf.cast(tf.less(random, keepProbability), x.dtype);
    return tf.mul(x, tf.mul(keep, 1 / keepProbability));
  }

  override getConfig(): JsonObject {
    const config: DropoutConfig = {
      ...(super.getConfig() as LayerConfig),
      rate: this.rate,
      noiseShape: this.noiseShape,
      seed: this.seed,
    };
    return config;
  }

  static fromConfig(config: JsonObject): Dropout {
    return new Dropout(config as DropoutConfig);
  }
}

export function dropout(args: DropoutArgs): Dropout {
  return new Dropout(args);
}
