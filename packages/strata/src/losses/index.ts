// Losses: the Loss base class, the built-in losses (class + per-sample function) and getLoss.
export { Loss, REDUCTIONS, applySampleWeight, reduceValues, type LossConfig, type Reduction } from './loss.js';
export { EPSILON, squeezeOrExpandToSameRank, type CrossentropyOptions } from './loss-utils.js';
export { LossFunctionWrapper, type LossFunction } from './loss-function-wrapper.js';
export { MeanSquaredError, meanSquaredError, type MeanSquaredErrorConfig } from './mean-squared-error.js';
export { MeanAbsoluteError, meanAbsoluteError, type MeanAbsoluteErrorConfig } from './mean-absolute-error.js';
export { BinaryCrossentropy, binaryCrossentropy, type BinaryCrossentropyConfig } from './binary-crossentropy.js';
export { CategoricalCrossentropy, categoricalCrossentropy, type CategoricalCrossentropyConfig } from './categorical-crossentropy.js';
export {
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyConfig,
  type SparseCrossentropyOptions,
} from './sparse-categorical-crossentropy.js';
export { Hinge, hinge, convertBinaryLabelsToHinge, type HingeConfig } from './hinge.js';
export { getLoss, deserializeLoss, knownLossNames, type LossIdentifier } from './get-loss.js';
