// GlobalAveragePooling1D/2D/3D: the mean over all spatial positions, per channel.
// GlobalAveragePooling1D honours a [batch, steps] mask: masked steps are left out of the mean.
import { tf, type Tensor } from '../../runtime/tf.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalAveragePooling1DArgs = GlobalPoolingArgs;
export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;
export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

abstract class BaseGlobalAveragePooling extends BaseGlobalPooling {
  protected reduce(x: Tensor, _mask?: Tensor | null): Tensor {
    return tf.mean(x, this.spatialAxes, this.keepdims);
  }
}

export class GlobalAveragePooling1D extends BaseGlobalAveragePooling {
  static override readonly className = 'GlobalAveragePooling1D';
  constructor(args: GlobalAveragePooling1DArgs = {}) {
    super(args, 1);
    this.supportsMasking = true;
  }

  protected override reduce(x: Tensor, mask: Tensor | null): Tensor {
    if (!mask) return super.reduce(x);
    // Mask [batch, steps] → broadcast over the channel axis of x.
    const stepsAxis = this.spatialAxes[0];
    const weights = tf.expandDims(tf.cast(mask, x.dtype), stepsAxis === 1 ? 2 : 1);
    const total = tf.sum(tf.mul(x, weights), stepsAxis, this.keepdims);
    return tf.div(total, tf.sum(weights, stepsAxis, this.keepdims));
  }
}

export class GlobalAveragePooling2D extends BaseGlobalAveragePooling {
  static override readonly className = 'GlobalAveragePooling2D';
  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(args, 2);
  }
}

export class GlobalAveragePooling3D extends BaseGlobalAveragePooling {
  static override readonly className = 'GlobalAveragePooling3D';
  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(args, 3);
  }
}

export const globalAveragePooling1d = (args: GlobalAveragePooling1DArgs = {}): GlobalAveragePooling1D => new GlobalAveragePooling1D(args);
export const globalAveragePooling2d = (args: GlobalAveragePooling2DArgs = {}): GlobalAveragePooling2D => new GlobalAveragePooling2D(args);
export const globalAveragePooling3d = (args: GlobalAveragePooling3DArgs = {}): GlobalAveragePooling3D => new GlobalAveragePooling3D(args);
