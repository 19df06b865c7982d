// AveragePooling1D/2D/3D: the mean of each window, per channel; with padding 'same' only the
// entries inside the input are averaged.
import type { Tensor } from '../../runtime/tf.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import { avgPoolNd } from './pool-ops.js';

export type AveragePooling1DArgs = PoolingArgs;
export type AveragePooling2DArgs = PoolingArgs;
export type AveragePooling3DArgs = PoolingArgs;

abstract class BaseAveragePooling extends BasePooling {
  protected pool(x: Tensor): Tensor {
    return avgPoolNd(x, this.spec);
  }
}

/** Mean over windows of [batch, steps, channels]. */
export class AveragePooling1D extends BaseAveragePooling {
  static override readonly className = 'AveragePooling1D';
  constructor(args: AveragePooling1DArgs = {}) {
    super(args, 1);
  }
}

/** Mean over windows of [batch, rows, cols, channels]. */
export class AveragePooling2D extends BaseAveragePooling {
  static override readonly className = 'AveragePooling2D';
  constructor(args: AveragePooling2DArgs = {}) {
    super(args, 2);
  }
}

/** Mean over windows of [batch, depth, rows, cols, channels]. */
export class AveragePooling3D extends BaseAveragePooling {
  static override readonly className = 'AveragePooling3D';
  constructor(args: AveragePooling3DArgs = {}) {
    super(args, 3);
  }
}

export const averagePooling1d = (args: AveragePooling1DArgs = {}): AveragePooling1D => new AveragePooling1D(args);
export const averagePooling2d = (args: AveragePooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args);
export const averagePooling3d = (args: AveragePooling3DArgs = {}): AveragePooling3D => new AveragePooling3D(args);
