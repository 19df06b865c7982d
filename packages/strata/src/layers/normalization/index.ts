// st.layers.* of the normalization family (classes and tfjs-layers-style factories).
export {
  BatchNormalization,
  batchNormalization,
  type BatchNormalizationArgs,
  type BatchNormalizationConfig,
} from './batch-normalization.js';
export {
  LayerNormalization,
  layerNormalization,
  type LayerNormalizationArgs,
  type LayerNormalizationConfig,
} from './layer-normalization.js';
export {
  GroupNormalization,
  groupNormalization,
  type GroupNormalizationArgs,
  type GroupNormalizationConfig,
} from './group-normalization.js';
export {
  UnitNormalization,
  unitNormalization,
  type UnitNormalizationArgs,
  type UnitNormalizationConfig,
} from './unit-normalization.js';
