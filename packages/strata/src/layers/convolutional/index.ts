// st.layers.* of the convolutional family (classes and tfjs-layers-style factories).
export { SpatialConv, type PaddingName, type SpatialConvArgs, type SpatialConvConfig } from './spatial-conv.js';
export { BaseConv, type ConvArgs, type ConvConfig } from './base-conv.js';
export { Conv1D, Conv2D, Conv3D, conv1d, conv2d, conv3d, type Conv1DArgs, type Conv2DArgs, type Conv3DArgs } from './conv.js';
export { BaseConvTranspose, type ConvTransposeArgs, type ConvTransposeConfig } from './base-conv-transpose.js';
export {
  Conv1DTranspose,
  Conv2DTranspose,
  Conv3DTranspose,
  conv1dTranspose,
  conv2dTranspose,
  conv3dTranspose,
  type Conv1DTransposeArgs,
  type Conv2DTransposeArgs,
  type Conv3DTransposeArgs,
} from './conv-transpose.js';
export { BaseDepthwiseConv, type DepthwiseConvArgs, type DepthwiseConvConfig } from './base-depthwise-conv.js';
export {
  DepthwiseConv1D,
  DepthwiseConv2D,
  depthwiseConv1d,
  depthwiseConv2d,
  type DepthwiseConv1DArgs,
  type DepthwiseConv2DArgs,
} from './depthwise-conv.js';
export { BaseSeparableConv, type SeparableConvArgs, type SeparableConvConfig } from './base-separable-conv.js';
export {
  SeparableConv1D,
  SeparableConv2D,
  separableConv1d,
  separableConv2d,
  type SeparableConv1DArgs,
  type SeparableConv2DArgs,
} from './separable-conv.js';
