// SeparableConv1D and SeparableConv2D: thin ranks of BaseSeparableConv. SeparableConv1D also
// accepts padding 'causal'.
import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';

export type SeparableConv1DArgs = SeparableConvArgs;
export type SeparableConv2DArgs = SeparableConvArgs;

/** Depthwise-separable 1-D convolution over [batch, steps, channels]. */
export class SeparableConv1D extends BaseSeparableConv {
  static override readonly className = 'SeparableConv1D';
  constructor(args: SeparableConv1DArgs) {
    super(args, 1);
  }
}

/** Depthwise-separable 2-D convolution over [batch, rows, cols, channels]. */
export class SeparableConv2D extends BaseSeparableConv {
  static override readonly className = 'SeparableConv2D';
  constructor(args: SeparableConv2DArgs) {
    super(args, 2);
  }
}

export const separableConv1d = (args: SeparableConv1DArgs): SeparableConv1D => new SeparableConv1D(args);
export const separableConv2d = (args: SeparableConv2DArgs): SeparableConv2D => new SeparableConv2D(args);
