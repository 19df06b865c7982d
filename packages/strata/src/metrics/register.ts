// Registers the built-in metrics for deserialization; the package entry point imports this file.
// They go under 'metrics>ClassName': Keras gives metrics and losses the same class names.
import { registerClass } from '../saving/serialization.js';
import { Mean } from './mean.js';
import { Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy-metrics.js';
import { MeanAbsoluteError, MeanSquaredError } from './regression-metrics.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy-metrics.js';
import { InferredMetric } from './inferred-metric.js';
import { METRICS_PACKAGE } from './get-metric.js';

for (const cls of [
  Mean,
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  MeanSquaredError,
  MeanAbsoluteError,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  InferredMetric,
]) {
  registerClass(cls, { package: METRICS_PACKAGE });
}
