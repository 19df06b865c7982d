// MaxPooling1D/2D/3D: the largest entry of each window, per channel.
import type { Tensor } from '../../runtime/tf.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import { maxPoolNd } from './pool-ops.js';

export type MaxPooling1DArgs = PoolingArgs;
export type MaxPooling2DArgs = PoolingArgs;
export type MaxPooling3DArgs = PoolingArgs;

abstract class BaseMaxPooling extends BasePooling {
  protected pool(x: Tensor): Tensor {
    return maxPoolNd(x, this.spec);
  }
}

/** Max over windows of [batch, steps, channels]. */
export class MaxPooling1D extends BaseMaxPooling {
  static override readonly className = 'MaxPooling1D';
  constructor(args: MaxPooling1DArgs = {}) {
    super(args, 1);
  }
}

/** Max over windows of [batch, rows, cols, channels]. */
export class MaxPooling2D extends BaseMaxPooling {
  static override readonly className = 'MaxPooling2D';
  constructor(args: MaxPooling2DArgs = {}) {
    super(args, 2);
  }
}

/** Max over windows of [batch, depth, rows, cols, channels]. */
export class MaxPooling3D extends BaseMaxPooling {
  static override readonly className = 'MaxPooling3D';
  constructor(args: MaxPooling3DArgs = {}) {
    super(args, 3);
  }
}

export const maxPooling1d = (args: MaxPooling1DArgs = {}): MaxPooling1D => new MaxPooling1D(args);
export const maxPooling2d = (args: MaxPooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
export const maxPooling3d = (args: MaxPooling3DArgs = {}): MaxPooling3D => new MaxPooling3D(args);
