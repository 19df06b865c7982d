// Initializers drawing from fixed distributions: RandomNormal, RandomUniform, TruncatedNormal.
//
// Seeds (all random initializers): with a seed, every call returns the same values (Keras 3);
// without one, every call draws fresh values (tfjs-layers), so one unseeded instance shared by
// two layers does not give them identical weights.
import { ValueError } from '../errors.js';
import { tf, type DataType, type Tensor } from '../runtime/tf.js';
import { Initializer, checkFloatDtype, checkShape, readNumber, readSeed } from './initializer.js';

function readStddev(value: unknown, who: string): number {
  const stddev = readNumber(value, 'stddev', who, 0.05);
  if (stddev < 0) throw new ValueError(`${who}: argument 'stddev' must be >= 0, found ${stddev}.`);
  return stddev;
}

/** tfjs-core's random ops take `seed?: number`; `null` means unseeded. */
export function seedArg(seed: number | null): number | undefined {
  return seed === null ? undefined : seed;
}

export type RandomNormalConfig = { mean?: number; stddev?: number; seed?: number | null };

export class RandomNormal extends Initializer {
  static override readonly className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;

  constructor(args: RandomNormalConfig = {}) {
    super();
    this.mean = readNumber(args.mean, 'mean', 'RandomNormal', 0);
    this.stddev = readStddev(args.stddev, 'RandomNormal');
    this.seed = readSeed(args.seed, 'RandomNormal');
  }

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'RandomNormal');
    checkFloatDtype(dtype, 'RandomNormal');
    return tf.randomNormal(shape, this.mean, this.stddev, 'float32', seedArg(this.seed));
  }

  override getConfig(): RandomNormalConfig {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }

  static fromConfig(config: RandomNormalConfig): RandomNormal {
    return new RandomNormal(config);
  }
}

/** Normal values more than two standard deviations from the mean are redrawn (Keras, tfjs). */
export class TruncatedNormal extends Initializer {
  static override readonly className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;

  constructor(args: RandomNormalConfig = {}) {
    super();
    this.mean = readNumber(args.mean, 'mean', 'TruncatedNormal', 0);
    this.stddev = readStddev(args.stddev, 'TruncatedNormal');
    this.seed = readSeed(args.seed, 'TruncatedNormal');
  }

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'TruncatedNormal');
    checkFloatDtype(dtype, 'TruncatedNormal');
    return tf.truncatedNormal(shape, this.mean, this.stddev, 'float32', seedArg(this.seed));
  }

  override getConfig(): RandomNormalConfig {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }

  static fromConfig(config: RandomNormalConfig): TruncatedNormal {
    return new TruncatedNormal(config);
  }
}

export type RandomUniformConfig = { minval?: number; maxval?: number; seed?: number | null };

export class RandomUniform extends Initializer {
  static override readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | null;

  constructor(args: RandomUniformConfig = {}) {
    super();
    this.minval = readNumber(args.minval, 'minval', 'RandomUniform', -0.05);
    this.maxval = readNumber(args.maxval, 'maxval', 'RandomUniform', 0.05);
    if (this.minval > this.maxval) {
      throw new ValueError(
        `RandomUniform: argument 'minval' must be <= 'maxval', found minval=${this.minval}, maxval=${this.maxval}.`,
      );
    }
    this.seed = readSeed(args.seed, 'RandomUniform');
  }

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'RandomUniform');
    checkFloatDtype(dtype, 'RandomUniform');
    return tf.randomUniform(shape, this.minval, this.maxval, 'float32', seedArg(this.seed));
  }

  override getConfig(): RandomUniformConfig {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }

  static fromConfig(config: RandomUniformConfig): RandomUniform {
    return new RandomUniform(config);
  }
}
