// Initializers with no randomness: Zeros, Ones, Constant, Identity.
import { ValueError, formatShape } from '../errors.js';
import { tf, type DataType, type Tensor } from '../runtime/tf.js';
import { Initializer, checkShape, readNumber } from './initializer.js';

export class Zeros extends Initializer {
  static override readonly className = 'Zeros';

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'Zeros');
    return tf.zeros(shape, dtype);
  }

  static fromConfig(): Zeros {
    return new Zeros();
  }
}

export class Ones extends Initializer {
  static override readonly className = 'Ones';

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'Ones');
    return tf.ones(shape, dtype);
  }

  static fromConfig(): Ones {
    return new Ones();
  }
}

export type ConstantConfig = { value?: number };

export class Constant extends Initializer {
  static override readonly className = 'Constant';
  readonly value: number;

  /** Keras 3 defaults `value` to 0 (tfjs-layers requires it). Only scalars, as in Keras. */
  constructor(args: ConstantConfig = {}) {
    super();
    this.value = readNumber(args.value, 'value', 'Constant', 0);
  }

  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'Constant');
    return tf.fill(shape, this.value, dtype);
  }

  override getConfig(): ConstantConfig {
    return { value: this.value };
  }

  static fromConfig(config: ConstantConfig): Constant {
    return new Constant(config);
  }
}

export type IdentityConfig = { gain?: number };

export class Identity extends Initializer {
  static override readonly className = 'Identity';
  readonly gain: number;

  constructor(args: IdentityConfig = {}) {
    super();
    this.gain = readNumber(args.gain, 'gain', 'Identity', 1);
  }

  /**
   * gain * eye(rows, cols). Keras 3 accepts rectangular matrices (ones on the main diagonal);
   * tfjs-layers accepts square ones only. We follow Keras, which reads every file tfjs writes.
   */
  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'Identity');
    if (shape.length !== 2) {
      throw new ValueError(
        `Identity: argument 'shape' must be 2D (a matrix), found ${formatShape(shape)} of rank ${shape.length}.`,
      );
    }
    return tf.tidy(() => tf.mul(tf.eye(shape[0], shape[1], undefined, dtype), tf.scalar(this.gain, dtype)));
  }

  override getConfig(): IdentityConfig {
    return { gain: this.gain };
  }

  static fromConfig(config: IdentityConfig): Identity {
    return new Identity(config);
  }
}
