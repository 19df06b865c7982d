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
export {
  MeanAbsolutePercentageError,
  meanAbsolutePercentageError,
  type MeanAbsolutePercentageErrorConfig,
} from './mean-absolute-percentage-error.js';
export {
  MeanSquaredLogarithmicError,
  meanSquaredLogarithmicError,
  type MeanSquaredLogarithmicErrorConfig,
} from './mean-squared-logarithmic-error.js';
export { Huber, huber, type HuberConfig } from './huber.js';
export { LogCosh, logCosh, type LogCoshConfig } from './log-cosh.js';
export { SquaredHinge, squaredHinge, type SquaredHingeConfig } from './squared-hinge.js';
export { CategoricalHinge, categoricalHinge, type CategoricalHingeConfig } from './categorical-hinge.js';
export { KLDivergence, klDivergence, type KLDivergenceConfig } from './kl-divergence.js';
export { Poisson, poisson, type PoissonConfig } from './poisson.js';
export { CosineSimilarity, cosineSimilarity, l2Normalize, type CosineSimilarityConfig } from './cosine-similarity.js';
export {
  BinaryFocalCrossentropy,
  binaryFocalCrossentropy,
  type BinaryFocalCrossentropyConfig,
  type BinaryFocalOptions,
} from './binary-focal-crossentropy.js';
export {
  CategoricalFocalCrossentropy,
  categoricalFocalCrossentropy,
  type CategoricalFocalCrossentropyConfig,
  type CategoricalFocalOptions,
} from './categorical-focal-crossentropy.js';

