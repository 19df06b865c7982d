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
export { MeanSquaredError, MeanAbsoluteError, type MeanSquaredErrorConfig, type MeanAbsoluteErrorConfig } from './regression-metrics.js';
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
