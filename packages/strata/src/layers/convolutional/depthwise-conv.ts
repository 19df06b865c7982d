// DepthwiseConv1D and DepthwiseConv2D: thin ranks of BaseDepthwiseConv. DepthwiseConv1D also
// accepts padding 'causal'.
import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';

export type DepthwiseConv1DArgs = DepthwiseConvArgs;
export type DepthwiseConv2DArgs = DepthwiseConvArgs;

/** Depthwise 1-D convolution over [batch, steps, channels]. */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override readonly className = 'DepthwiseConv1D';
  constructor(args: DepthwiseConv1DArgs) {
    super(args, 1);
  }
}

/** Depthwise 2-D convolution over [batch, rows, cols, channels]. */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override readonly className = 'DepthwiseConv2D';
  constructor(args: DepthwiseConv2DArgs) {
    super(args, 2);
  }
}

export const depthwiseConv1d = (args: DepthwiseConv1DArgs): DepthwiseConv1D => new DepthwiseConv1D(args);
export const depthwiseConv2d = (args: DepthwiseConv2DArgs): DepthwiseConv2D => new DepthwiseConv2D(args);
