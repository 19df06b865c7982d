// st.layers.* of the regularization family (classes and tfjs-layers-style factories).
export {
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
  spatialDropout1d,
  spatialDropout2d,
  spatialDropout3d,
  type SpatialDropoutArgs,
  type SpatialDropoutConfig,
  type SpatialDropoutNdArgs,
  type SpatialDropoutNdConfig,
} from './spatial-dropout.js';
export { GaussianNoise, gaussianNoise, type GaussianNoiseArgs, type GaussianNoiseConfig } from './gaussian-noise.js';
export { GaussianDropout, gaussianDropout, type GaussianDropoutArgs, type GaussianDropoutConfig } from './gaussian-dropout.js';
export { AlphaDropout, alphaDropout, type AlphaDropoutArgs, type AlphaDropoutConfig } from './alpha-dropout.js';
export {
  ActivityRegularization,
  activityRegularization,
  type ActivityRegularizationArgs,
  type ActivityRegularizationConfig,
} from './activity-regularization.js';
