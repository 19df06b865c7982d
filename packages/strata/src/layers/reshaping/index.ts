// st.layers.* of the reshaping family (classes and tfjs-layers-style factories), plus the
// core extras owned with it: Embedding, Masking, Identity and the Lambda function layer.
export { Permute, permute, type PermuteArgs, type PermuteConfig } from './permute.js';
export { RepeatVector, repeatVector, type RepeatVectorArgs, type RepeatVectorConfig } from './repeat-vector.js';
export {
  Cropping1D,
  Cropping2D,
  Cropping3D,
  cropping1d,
  cropping2d,
  cropping3d,
  cropping2d as cropping2D,
  type Cropping1DArgs,
  type Cropping2DArgs,
  type Cropping3DArgs,
  type CroppingSpec,
} from './cropping.js';
export {
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
  zeroPadding1d,
  zeroPadding2d,
  zeroPadding3d,
  type ZeroPadding1DArgs,
  type ZeroPadding2DArgs,
  type ZeroPadding3DArgs,
  type PaddingSpec,
} from './zero-padding.js';
export {
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  upSampling1d,
  upSampling2d,
  upSampling3d,
  type UpSampling1DArgs,
  type UpSampling2DArgs,
  type UpSampling3DArgs,
  type Interpolation,
} from './up-sampling.js';
export { Embedding, embedding, type EmbeddingArgs, type EmbeddingConfig } from '../core/embedding.js';
export { Masking, masking, type MaskingArgs, type MaskingConfig } from '../core/masking.js';
export { Identity, identity, type IdentityArgs } from '../core/identity.js';
export { Lambda, lambda, type LambdaArgs, type LambdaConfig, type LambdaFunction } from '../core/function-layer.js';
