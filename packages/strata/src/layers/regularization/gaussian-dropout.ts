// GaussianDropout (Keras 3): in training multiplies by 1-centred Gaussian noise of standard
// deviation sqrt(rate / (1 - rate)) (the variance Dropout's rescaled mask has); at inference it
// is the identity.
import { tf, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { SeedStream, readRate, readSeed } from './noise-utils.js';

export type GaussianDropoutArgs = LayerArgs & { rate: number; seed?: number | null };
export type GaussianDropoutConfig = LayerConfig & { rate: number; seed: number | null };

export class GaussianDropout extends Layer {
  static override readonly className = 'GaussianDropout';
  readonly rate: number;
  readonly seed: number | null;
  private readonly seeds: SeedStream;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    const where = `GaussianDropout '${this.name}'`;
    this.rate = readRate(args.rate, where);
    this.seed = readSeed(args.seed, where);
    this.seeds = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    if (!options.training || this.rate === 0) return tf.clone(x);
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tf.mul(x, tf.randomNormal(x.shape, 1, stddev, 'float32', this.seeds.next()));
  }

  override getConfig(): JsonObject {
    const config: GaussianDropoutConfig = { ...(super.getConfig() as LayerConfig), rate: this.rate, seed: this.seed };
    return config;
  }

  static fromConfig(config: JsonObject): GaussianDropout {
    return new GaussianDropout(config as GaussianDropoutConfig);
  }
}

export const gaussianDropout = (args: GaussianDropoutArgs): GaussianDropout => new GaussianDropout(args);
