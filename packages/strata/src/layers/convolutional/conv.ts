// Conv1D, Conv2D, Conv3D: thin ranks of BaseConv. Inputs are [batch, ...spatial, channels]
// (channels-last) or [batch, channels, ...spatial] with dataFormat 'channelsFirst'.
import { BaseConv, type ConvArgs } from './base-conv.js';

export type Conv1DArgs = ConvArgs;
export type Conv2DArgs = ConvArgs;
export type Conv3DArgs = ConvArgs;

/** 1-D convolution over [batch, steps, channels]; padding 'valid', 'same' or 'causal'. */
export class Conv1D extends BaseConv {
  static override readonly className = 'Conv1D';
  constructor(args: Conv1DArgs) {
    super(args, 1);
  }
}

/** 2-D convolution over [batch, rows, cols, channels]. */
export class Conv2D extends BaseConv {
  static override readonly className = 'Conv2D';
  constructor(args: Conv2DArgs) {
    super(args, 2);
  }
}

/** 3-D convolution over [batch, depth, rows, cols, channels]. */
export class Conv3D extends BaseConv {
  static override readonly className = 'Conv3D';
  constructor(args: Conv3DArgs) {
    super(args, 3);
  }
}

export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
export const conv3d = (args: Conv3DArgs): Conv3D => new Conv3D(args);
