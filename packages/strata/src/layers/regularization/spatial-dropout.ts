// SpatialDropout1D/2D/3D (Keras 3): Dropout that drops whole feature maps. In training one
// keep/drop draw per (sample, channel) is shared along every spatial axis, and kept maps are
// scaled by 1/(1 - rate); at inference the layer is the identity.
import { tf, type Tensor } from '../../runtime/tf.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import { dataFormatConfig, dataFormatOf, type DataFormat, type DataFormatConfig, type DataFormatName } from '../data-format.js';
import type { JsonObject } from '../../saving/serialization.js';
import { SeedStream, readRate, readSeed } from './noise-utils.js';

export type SpatialDropoutArgs = LayerArgs & { rate: number; seed?: number | null };
export type SpatialDropoutConfig = LayerConfig & { rate: number; seed: number | null };
export type SpatialDropoutNdArgs = SpatialDropoutArgs & { dataFormat?: DataFormatName };
export type SpatialDropoutNdConfig = SpatialDropoutConfig & { dataFormat: DataFormatConfig };

abstract class BaseSpatialDropout extends Layer {
  readonly rate: number;
  readonly seed: number | null;
  private readonly seeds: SeedStream;

  constructor(args: SpatialDropoutArgs, rank: number) {
    super(args);
    const where = `${this.getClassName()} '${this.name}'`;
    this.rate = readRate(args.rate, where);
    this.seed = readSeed(args.seed, where);
    this.seeds = new SeedStream(this.seed);
    this.inputSpec = [new InputSpec({ ndim: rank })];
    this.supportsMasking = true;
  }

  /** The mask's shape: the input's, with 1 on every spatial axis. */
  protected abstract noiseShape(shape: number[]): number[];

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    if (!options.training || this.rate === 0) return tf.clone(x);
    const keep = 1 - this.rate;
    const random = tf.randomUniform(this.noiseShape(x.shape), 0, 1, 'float32', this.seeds.next());
    const mask = tf.cast(tf.less(random, keep), x.dtype);
    return tf.mul(x, tf.mul(mask, 1 / keep));
  }

  override getConfig(): JsonObject {
    const config: SpatialDropoutConfig = { ...(super.getConfig() as LayerConfig), rate: this.rate, seed: this.seed };
    return config;
  }
}

/** Input [batch, steps, channels]; drops whole channels. */
export class SpatialDropout1D extends BaseSpatialDropout {
  static override readonly className = 'SpatialDropout1D';

  constructor(args: SpatialDropoutArgs) {
    super(args, 3);
  }

  protected noiseShape(shape: number[]): number[] {
    return [shape[0], 1, shape[2]];
  }

  static fromConfig(config: JsonObject): SpatialDropout1D {
    return new SpatialDropout1D(config as SpatialDropoutConfig);
  }
}

abstract class SpatialDropoutNd extends BaseSpatialDropout {
  readonly dataFormat: DataFormat;

  constructor(args: SpatialDropoutNdArgs, rank: number) {
    super(args, rank);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
  }

  protected noiseShape(shape: number[]): number[] {
    const channelAxis = this.dataFormat === 'channelsLast' ? shape.length - 1 : 1;
    return shape.map((d, i) => (i === 0 || i === channelAxis ? d : 1));
  }

  override getConfig(): JsonObject {
    const config: SpatialDropoutNdConfig = {
      ...(super.getConfig() as SpatialDropoutConfig),
      dataFormat: dataFormatConfig(this.dataFormat),
    };
    return config;
  }
}

/** Input [batch, rows, cols, channels] (or channels first); drops whole 2D feature maps. */
export class SpatialDropout2D extends SpatialDropoutNd {
  static override readonly className = 'SpatialDropout2D';

  constructor(args: SpatialDropoutNdArgs) {
    super(args, 4);
  }

  static fromConfig(config: JsonObject): SpatialDropout2D {
    return new SpatialDropout2D(config as SpatialDropoutNdConfig);
  }
}

/** Input [batch, d1, d2, d3, channels] (or channels first); drops whole 3D feature maps. */
export class SpatialDropout3D extends SpatialDropoutNd {
  static override readonly className = 'SpatialDropout3D';

  constructor(args: SpatialDropoutNdArgs) {
    super(args, 5);
  }

  static fromConfig(config: JsonObject): SpatialDropout3D {
    return new SpatialDropout3D(config as SpatialDropoutNdConfig);
  }
}

export const spatialDropout1d = (args: SpatialDropoutArgs): SpatialDropout1D => new SpatialDropout1D(args);
export const spatialDropout2d = (args: SpatialDropoutNdArgs): SpatialDropout2D => new SpatialDropout2D(args);
export const spatialDropout3d = (args: SpatialDropoutNdArgs): SpatialDropout3D => new SpatialDropout3D(args);
