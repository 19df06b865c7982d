// VarianceScaling: draws with a variance of scale / n, n from the weight's fans (Keras 3).
//
// Spelling of `mode` and `distribution` values. Keras reads only 'fan_in'/'fan_out'/'fan_avg'
// and 'truncated_normal'/'untruncated_normal'/'uniform' (plus 'normal' = truncated). tfjs-layers'
// loader camel-cases every string value of a config before reading it ('fan_avg' -> 'fanAvg'),
// so Keras' spelling is the one both read. We therefore accept either spelling and *store*
// Keras' spelling in the config, whether or not the saving layer snake-cases values.
// Known differences when a file crosses over:
// - tfjs-layers treats 'normal' as a truncated normal *without* the 0.8796 stddev correction, and
//   (a tfjs bug) 'truncated_normal' as uniform; both keep the same variance or close to it.
// - 'untruncated_normal' does not exist in tfjs-layers; such a file does not load there.
import { ValueError } from '../errors.js';
import { tf, type DataType, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { computeFans } from './fans.js';
import { Initializer, checkFloatDtype, checkShape, readNumber, readSeed } from './initializer.js';
import { seedArg } from './random-initializers.js';

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';
/** What users and files may pass: Keras or tfjs spellings. */
export type FanModeIdentifier = FanMode | 'fanIn' | 'fanOut' | 'fanAvg';
export type DistributionIdentifier = Distribution | 'normal' | 'truncatedNormal' | 'untruncatedNormal';

const MODES: Readonly<Record<FanModeIdentifier, FanMode>> = {
  fan_in: 'fan_in',
  fan_out: 'fan_out',
  fan_avg: 'fan_avg',
  fanIn: 'fan_in',
  fanOut: 'fan_out',
  fanAvg: 'fan_avg',
};

const DISTRIBUTIONS: Readonly<Record<DistributionIdentifier, Distribution>> = {
  truncated_normal: 'truncated_normal',
  truncatedNormal: 'truncated_normal',
  // Keras 3 (and tfjs-layers) read 'normal' as a truncated normal.
  normal: 'truncated_normal',
  untruncated_normal: 'untruncated_normal',
  untruncatedNormal: 'untruncated_normal',
  uniform: 'uniform',
};

/** Standard deviation of a unit normal truncated to [-2, 2]; dividing by it restores the variance. */
export const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

function lookup<T>(table: Readonly<Record<string, T>>, value: unknown, arg: string, who: string): T {
  const found = typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;
  if (found === undefined) {
    throw new ValueError(
      `${who}: argument '${arg}' must be one of ${Object.keys(table).join(', ')}, found ${JSON.stringify(value)}.`,
    );
  }
  return found;
}

export type VarianceScalingArgs = {
  scale?: number;
  mode?: FanModeIdentifier;
  distribution?: DistributionIdentifier;
  seed?: number | null;
};
export type VarianceScalingConfig = {
  scale: number;
  mode: FanMode;
  distribution: Distribution;
  seed: number | null;
};

export class VarianceScaling extends Initializer {
  static override readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | null;

  constructor(args: VarianceScalingArgs = {}) {
    super();
    const who = (new.target as { readonly className: string }).className;
    this.scale = readNumber(args.scale, 'scale', who, 1);
    if (this.scale <= 0) throw new ValueError(`${who}: argument 'scale' must be > 0, found ${this.scale}.`);
    this.mode = lookup(MODES, args.mode ?? 'fan_in', 'mode', who);
    this.distribution = lookup(DISTRIBUTIONS, args.distribution ?? 'truncated_normal', 'distribution', who);
    this.seed = readSeed(args.seed, who);
  }

  /** The variance the drawn values have: scale / max(1, n). */
  variance(shape: readonly number[]): number {
    const { fanIn, fanOut } = computeFans(shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    return this.scale / Math.max(1, n);
  }

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    const who = this.getClassName();
    checkShape(shape, who);
    checkFloatDtype(dtype, who);
    const variance = this.variance(shape);
    const seed = seedArg(this.seed);
    switch (this.distribution) {
      case 'truncated_normal':
        return tf.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV, 'float32', seed);
      case 'untruncated_normal':
        return tf.randomNormal(shape, 0, Math.sqrt(variance), 'float32', seed);
      case 'uniform': {
        const limit = Math.sqrt(3 * variance);
        return tf.randomUniform(shape, -limit, limit, 'float32', seed);
      }
    }
  }

  override getConfig(): JsonObject {
    const config: VarianceScalingConfig = {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      seed: this.seed,
    };
    return config;
  }

  static fromConfig(config: VarianceScalingArgs): VarianceScaling {
    return new VarianceScaling(config);
  }
}
