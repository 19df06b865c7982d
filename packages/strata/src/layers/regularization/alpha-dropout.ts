// AlphaDropout (Keras 3), the dropout for SELU networks: in training each entry is kept with
// probability 1 - rate or set to SELU's negative saturation α' = -λα, then the affine map
// a·x + b restores zero mean and unit variance:
//   a = ((1 - rate)(1 + rate·α'²))^(-1/2),  b = -a·α'·rate.
// At inference it is the identity.
import { tf, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { SeedStream, readRate, readSeed } from './noise-utils.js';

/** SELU's constants (Klambauer et al., 2017). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

export type AlphaDropoutArgs = LayerArgs & {
  rate: number;
  /** Shape of the keep/drop mask, broadcast over the input; null entries take the input's size. */
  noiseShape?: (number | null)[] | null;
  seed?: number | null;
};
export type AlphaDropoutConfig = LayerConfig & { rate: number; noiseShape: (number | null)[] | null; seed: number | null };

export class AlphaDropout extends Layer {
  static override readonly className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private readonly seeds: SeedStream;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    const where = `AlphaDropout '${this.name}'`;
    this.rate = readRate(args.rate, where);
    this.noiseShape = args.noiseShape ? [...args.noiseShape] : null;
    this.seed = readSeed(args.seed, where);
    this.seeds = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    if (!options.training || this.rate === 0) return tf.clone(x);
    const rate = this.rate;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * rate;
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : x.shape;
    const random = tf.randomUniform(shape, 0, 1, 'float32', this.seeds.next());
    const kept = tf.cast(tf.greaterEqual(random, rate), x.dtype);
    // x where kept, α' where dropped.
    const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), alphaP));
    return tf.add(tf.mul(dropped, a), b);
  }

  override getConfig(): JsonObject {
    const config: AlphaDropoutConfig = {
      ...(super.getConfig() as LayerConfig),
      rate: this.rate,
      noiseShape: this.noiseShape,
      seed: this.seed,
    };
    return config;
  }

  static fromConfig(config: JsonObject): AlphaDropout {
    return new AlphaDropout(config as AlphaDropoutConfig);
  }
}

export const alphaDropout = (args: AlphaDropoutArgs): AlphaDropout => new AlphaDropout(args);
