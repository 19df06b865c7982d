// Registers the built-in metrics for deserialization; the package entry point imports this file.
// They go under 'metrics>ClassName': Keras gives metrics and losses the same class names.
import { registerClass } from '../saving/serialization.js';
import { Mean } from './mean.js';
import { Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy-metrics.js';
import {
  CosineSimilarity,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression-metrics.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy-metrics.js';
import { InferredMetric } from './inferred-metric.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { R2Score } from './r2-score.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge-metrics.js';
import { KLDivergence, Poisson } from './probabilistic-metrics.js';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './top-k-accuracy.js';
import { FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives } from './confusion-metrics.js';
import { AUC } from './auc.js';
import { F1Score, FBetaScore } from './f-score.js';
import { IoU, MeanIoU } from './iou.js';
import { METRICS_PACKAGE } from './get-metric.js';

for (const cls of [
  Mean,
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  RootMeanSquaredError,
  LogCoshError,
  CosineSimilarity,
  R2Score,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  KLDivergence,
  Poisson,
  Hinge,
  SquaredHinge,
  CategoricalHinge,
  TruePositives,
  FalsePositives,
  TrueNegatives,
  FalseNegatives,
  Precision,
  Recall,
  AUC,
  FBetaScore,
  F1Score,
  IoU,
  MeanIoU,
  InferredMetric,
]) {
  registerClass(cls, { package: METRICS_PACKAGE });
}
