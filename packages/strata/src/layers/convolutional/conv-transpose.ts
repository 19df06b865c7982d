// Conv1DTranspose, Conv2DTranspose, Conv3DTranspose: thin ranks of BaseConvTranspose.
// Conv3DTranspose trains through its own gradient (conv3d-transpose-op.ts).
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

export type Conv1DTransposeArgs = ConvTransposeArgs;
export type Conv2DTransposeArgs = ConvTransposeArgs;
export type Conv3DTransposeArgs = ConvTransposeArgs;

/** Transposed 1-D convolution over [batch, steps, channels]. */
export class Conv1DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv1DTranspose';
  constructor(args: Conv1DTransposeArgs) {
    super(args, 1);
  }
}

/** Transposed 2-D convolution over [batch, rows, cols, channels]. */
export class Conv2DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv2DTranspose';
  constructor(args: Conv2DTransposeArgs) {
    super(args, 2);
  }
}

/** Transposed 3-D convolution over [batch, depth, rows, cols, channels]. */
export class Conv3DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv3DTranspose';
  constructor(args: Conv3DTransposeArgs) {
    super(args, 3);
  }
}

export const conv1dTranspose = (args: Conv1DTransposeArgs): Conv1DTranspose => new Conv1DTranspose(args);
export const conv2dTranspose = (args: Conv2DTransposeArgs): Conv2DTranspose => new Conv2DTranspose(args);
export const conv3dTranspose = (args: Conv3DTransposeArgs): Conv3DTranspose => new Conv3DTranspose(args);
