// st.layers.* of the pooling family (classes and tfjs-layers-style factories, with the
// tfjs-layers aliases maxPool2d, avgPool2d, avgPooling2d, globalMaxPool2d, ...).
export { BasePooling, type PoolingArgs, type PoolingConfig } from './base-pooling.js';
export {
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  maxPooling1d,
  maxPooling2d,
  maxPooling3d,
  maxPooling1d as maxPool1d,
  maxPooling2d as maxPool2d,
  maxPooling3d as maxPool3d,
  type MaxPooling1DArgs,
  type MaxPooling2DArgs,
  type MaxPooling3DArgs,
} from './max-pooling.js';
export {
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  averagePooling1d,
  averagePooling2d,
  averagePooling3d,
  averagePooling1d as avgPool1d,
  averagePooling2d as avgPool2d,
  averagePooling3d as avgPool3d,
  averagePooling1d as avgPooling1d,
  averagePooling2d as avgPooling2d,
  averagePooling3d as avgPooling3d,
  type AveragePooling1DArgs,
  type AveragePooling2DArgs,
  type AveragePooling3DArgs,
} from './average-pooling.js';
export {
  LPPooling1D,
  LPPooling2D,
  lpPooling1d,
  lpPooling2d,
  type LPPoolingArgs,
  type LPPoolingConfig,
  type LPPooling1DArgs,
  type LPPooling2DArgs,
} from './lp-pooling.js';
export { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingConfig } from './base-global-pooling.js';
export {
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalMaxPooling3D,
  globalMaxPooling1d,
  globalMaxPooling2d,
  globalMaxPooling3d,
  globalMaxPooling1d as globalMaxPool1d,
  globalMaxPooling2d as globalMaxPool2d,
  globalMaxPooling3d as globalMaxPool3d,
  type GlobalMaxPooling1DArgs,
  type GlobalMaxPooling2DArgs,
  type GlobalMaxPooling3DArgs,
} from './global-max-pooling.js';
export {
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalAveragePooling3D,
  globalAveragePooling1d,
  globalAveragePooling2d,
  globalAveragePooling3d,
  type GlobalAveragePooling1DArgs,
  type GlobalAveragePooling2DArgs,
  type GlobalAveragePooling3DArgs,
} from './global-average-pooling.js';
