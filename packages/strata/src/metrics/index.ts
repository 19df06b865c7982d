// Metrics: stateful over an epoch (updateState / result / resetState), as in Keras.
export { Metric, type MetricConfig } from './metric.js';
export { Mean, MeanMetricWrapper, reduceToSamplewise, type MeanConfig } from './mean.js';
export {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  type AccuracyConfig,
  type BinaryAccuracyConfig,
  type CategoricalAccuracyConfig,
  type SparseCategoricalAccuracyConfig,
} from './accuracy-metrics.js';
export {
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  LogCoshError,
  CosineSimilarity,
  type MeanSquaredErrorConfig,
  type MeanAbsoluteErrorConfig,
  type MeanAbsolutePercentageErrorConfig,
  type MeanSquaredLogarithmicErrorConfig,
  type LogCoshErrorConfig,
  type CosineSimilarityConfig,
} from './regression-metrics.js';
export { RootMeanSquaredError, type RootMeanSquaredErrorConfig } from './root-mean-squared-error.js';
export { R2Score, type R2ScoreConfig, type R2Aggregation } from './r2-score.js';
export { Hinge, SquaredHinge, CategoricalHinge, type HingeConfig, type SquaredHingeConfig, type CategoricalHingeConfig } from './hinge-metrics.js';
export { KLDivergence, Poisson, type KLDivergenceConfig, type PoissonConfig } from './probabilistic-metrics.js';
export {
  TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  inTopK,
  type TopKCategoricalAccuracyConfig,
  type SparseTopKCategoricalAccuracyConfig,
} from './top-k-accuracy.js';
export {
  TruePositives,
  FalsePositives,
  TrueNegatives,
  FalseNegatives,
  Precision,
  Recall,
  type ConfusionCountConfig,
  type PrecisionRecallConfig,
} from './confusion-metrics.js';
export { updateConfusionMatrix, NEG_INF, type ConfusionOptions, type ConfusionVariables } from './confusion-matrix.js';
export { AUC, type AUCConfig, type AUCCurve, type AUCSummationMethod } from './auc.js';
export { FBetaScore, F1Score, type FBetaScoreConfig, type F1ScoreConfig, type FScoreAverage } from './f-score.js';
export { IoU, MeanIoU, type IoUConfig, type MeanIoUConfig } from './iou.js';
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  type BinaryCrossentropyConfig,
  type CategoricalCrossentropyConfig,
  type SparseCategoricalCrossentropyConfig,
} from './crossentropy-metrics.js';
export {
  InferredMetric,
  encodingFromLoss,
  encodingFromShapes,
  type InferredKind,
  type InferredMetricConfig,
  type LabelEncoding,
} from './inferred-metric.js';
export { getMetric, deserializeMetric, knownMetricNames, METRICS_PACKAGE, type MetricContext, type MetricIdentifier } from './get-metric.js';
