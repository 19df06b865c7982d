// GlobalMaxPooling1D/2D/3D: the largest entry over all spatial positions, per channel.
import { tf, type Tensor } from '../../runtime/tf.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;
export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;
export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

abstract class BaseGlobalMaxPooling extends BaseGlobalPooling {
  protected reduce(x: Tensor, _mask?: Tensor | null): Tensor {
    return tf.max(x, this.spatialAxes, this.keepdims);
  }
}

export class GlobalMaxPooling1D extends BaseGlobalMaxPooling {
  static override readonly className = 'GlobalMaxPooling1D';
  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(args, 1);
  }
}

export class GlobalMaxPooling2D extends BaseGlobalMaxPooling {
  static override readonly className = 'GlobalMaxPooling2D';
  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(args, 2);
  }
}

export class GlobalMaxPooling3D extends BaseGlobalMaxPooling {
  static override readonly className = 'GlobalMaxPooling3D';
  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(args, 3);
  }
}

export const globalMaxPooling1d = (args: GlobalMaxPooling1DArgs = {}): GlobalMaxPooling1D => new GlobalMaxPooling1D(args);
export const globalMaxPooling2d = (args: GlobalMaxPooling2DArgs = {}): GlobalMaxPooling2D => new GlobalMaxPooling2D(args);
export const globalMaxPooling3d = (args: GlobalMaxPooling3DArgs = {}): GlobalMaxPooling3D => new GlobalMaxPooling3D(args);
