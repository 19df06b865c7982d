// GaussianNoise (Keras 3): in training adds zero-mean Gaussian noise of standard deviation
// `stddev`; at inference it is the identity.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { SeedStream, readSeed } from './noise-utils.js';

export type GaussianNoiseArgs = LayerArgs & { stddev: number; seed?: number | null };
export type GaussianNoiseConfig = LayerConfig & { stddev: number; seed: number | null };

export class GaussianNoise extends Layer {
  static override readonly className = 'GaussianNoise';
  readonly stddev: number;
  readonly seed: number | null;
  private readonly seeds: SeedStream;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    const where = `GaussianNoise '${this.name}'`;
    // Keras 3 also caps stddev at 1; tfjs-layers does not, and its files may hold larger values.
    if (typeof args.stddev !== 'number' || !Number.isFinite(args.stddev) || args.stddev < 0) {
      throw new ValueError(`${where}: argument 'stddev' must be a finite number >= 0, found ${typeof args.stddev === 'number' ? args.stddev : JSON.stringify(args.stddev)}.`);
    }
    this.stddev = args.stddev;
    this.seed = readSeed(args.seed, where);
    this.seeds = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    if (!options.training || this.stddev === 0) return tf.clone(x);
    return tf.add(x, tf.randomNormal(x.shape, 0, this.stddev, 'float32', this.seeds.next()));
  }

  override getConfig(): JsonObject {
    const config: GaussianNoiseConfig = { ...(super.getConfig() as LayerConfig), stddev: this.stddev, seed: this.seed };
    return config;
  }

  static fromConfig(config: JsonObject): GaussianNoise {
    return new GaussianNoise(config as GaussianNoiseConfig);
  }
}

export const gaussianNoise = (args: GaussianNoiseArgs): GaussianNoise => new GaussianNoise(args);
