// Resolves what `compile({metrics})` accepts: a name or a Metric.
import { UnknownNameError, ValueError } from '../errors.js';
import { deserialize, getRegisteredClass, type SerializedObject } from '../saving/serialization.js';
import type { Loss } from '../losses/loss.js';
import { Metric } from './metric.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy-metrics.js';
import {
  CosineSimilarity,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression-metrics.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy-metrics.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { R2Score } from './r2-score.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge-metrics.js';
import { KLDivergence, Poisson } from './probabilistic-metrics.js';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './top-k-accuracy.js';
import { FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives } from './confusion-metrics.js';
import { AUC } from './auc.js';
import { F1Score, FBetaScore } from './f-score.js';
import { InferredMetric, encodingFromLoss, type InferredKind } from './inferred-metric.js';

export type MetricIdentifier = string | Metric;
export type MetricContext = { loss?: Loss };

/** The registry key prefix of the built-in metrics (their class names collide with the losses'). */
export const METRICS_PACKAGE = 'metrics';

type MetricFactory = (name: string) => Metric;

// tfjs camelCase, Keras snake_case and class names, and Keras' short aliases.
const aliases: Array<[string[], MetricFactory]> = [
  [['binaryAccuracy', 'binary_accuracy', 'BinaryAccuracy'], (name) => new BinaryAccuracy({ name })],
  [['categoricalAccuracy', 'categorical_accuracy', 'CategoricalAccuracy'], (name) => new CategoricalAccuracy({ name })],
  [
    ['sparseCategoricalAccuracy', 'sparse_categorical_accuracy', 'SparseCategoricalAccuracy'],
    (name) => new SparseCategoricalAccuracy({ name }),
  ],
  [['meanSquaredError', 'mean_squared_error', 'MeanSquaredError', 'mse', 'MSE'], (name) => new MeanSquaredError({ name })],
  [['meanAbsoluteError', 'mean_absolute_error', 'MeanAbsoluteError', 'mae', 'MAE'], (name) => new MeanAbsoluteError({ name })],
  [['binaryCrossentropy', 'binary_crossentropy', 'BinaryCrossentropy', 'bce', 'BCE'], (name) => new BinaryCrossentropy({ name })],
  [
    ['categoricalCrossentropy', 'categorical_crossentropy', 'CategoricalCrossentropy'],
    (name) => new CategoricalCrossentropy({ name }),
  ],
  [
    ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy'],
    (name) => new SparseCategoricalCrossentropy({ name }),
  ],
  [
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'MeanAbsolutePercentageError', 'mape', 'MAPE'],
    (name) => new MeanAbsolutePercentageError({ name }),
  ],
  [
    ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'MeanSquaredLogarithmicError', 'msle', 'MSLE'],
    (name) => new MeanSquaredLogarithmicError({ name }),
  ],
  [
    ['rootMeanSquaredError', 'root_mean_squared_error', 'RootMeanSquaredError', 'rmse', 'RMSE'],
    (name) => new RootMeanSquaredError({ name }),
  ],
  [['logCoshError', 'log_cosh_error', 'LogCoshError', 'logcosh', 'logCosh', 'log_cosh'], (name) => new LogCoshError({ name })],
  // Keras' metric is the positive similarity; tfjs' cosineProximity reports it negated.
  [['cosineSimilarity', 'cosine_similarity', 'CosineSimilarity', 'cosineProximity', 'cosine'], (name) => new CosineSimilarity({ name })],
  [['r2Score', 'r2_score', 'R2Score'], (name) => new R2Score({ name })],
  [['hinge', 'Hinge'], (name) => new Hinge({ name })],
  [['squaredHinge', 'squared_hinge', 'SquaredHinge'], (name) => new SquaredHinge({ name })],
  [['categoricalHinge', 'categorical_hinge', 'CategoricalHinge'], (name) => new CategoricalHinge({ name })],
  [
    ['klDivergence', 'kl_divergence', 'KLDivergence', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'kld', 'KLD'],
    (name) => new KLDivergence({ name }),
  ],
  [['poisson', 'Poisson'], (name) => new Poisson({ name })],
  [
    ['topKCategoricalAccuracy', 'top_k_categorical_accuracy', 'TopKCategoricalAccuracy'],
    (name) => new TopKCategoricalAccuracy({ name }),
  ],
  [
    ['sparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy', 'SparseTopKCategoricalAccuracy'],
    (name) => new SparseTopKCategoricalAccuracy({ name }),
  ],
  [['precision', 'Precision'], (name) => new Precision({ name })],
  [['recall', 'Recall'], (name) => new Recall({ name })],
  [['auc', 'AUC'], (name) => new AUC({ name })],
  [['truePositives', 'true_positives', 'TruePositives'], (name) => new TruePositives({ name })],
  [['falsePositives', 'false_positives', 'FalsePositives'], (name) => new FalsePositives({ name })],
  [['trueNegatives', 'true_negatives', 'TrueNegatives'], (name) => new TrueNegatives({ name })],
  [['falseNegatives', 'false_negatives', 'FalseNegatives'], (name) => new FalseNegatives({ name })],
  // Per-class scores by default, as Keras (average: null).
  [['f1Score', 'f1_score', 'F1Score'], (name) => new F1Score({ name })],
  [['fbetaScore', 'fBetaScore', 'fbeta_score', 'FBetaScore'], (name) => new FBetaScore({ name })],
];
const byName = new Map<string, MetricFactory>(aliases.flatMap(([names, make]) => names.map((n) => [n, make] as const)));
const INFERRED: Record<string, InferredKind> = { accuracy: 'accuracy', acc: 'accuracy', crossentropy: 'crossentropy', ce: 'crossentropy' };

/** Every string getMetric accepts ('accuracy', 'acc', 'crossentropy', 'ce' in any case). */
export function knownMetricNames(): string[] {
  return [...Object.keys(INFERRED), ...byName.keys()];
}

/**
 * A metric for compile(). The name is the string the user passed ('acc' stays 'acc'), as in
 * Keras. 'accuracy'/'acc' and 'crossentropy'/'ce' pick their variant from the loss (binary
 * crossentropy → binary, sparse categorical crossentropy → sparse) or else from the shapes of
 * the first batch (one output unit → binary, integer labels → sparse, else categorical).
 */
export function getMetric(id: MetricIdentifier, context: MetricContext = {}): Metric {
  if (id instanceof Metric) return id;
  if (typeof id !== 'string') {
    throw new ValueError(`getMetric: expected a metric name or a Metric, found ${id === null ? 'null' : typeof id}.`);
  }
  const kind = INFERRED[id.toLowerCase()];
  if (kind) return inferred(kind, id, context.loss);
  const make = byName.get(id);
  if (!make) throw new UnknownNameError('metric', id, knownMetricNames());
  return make(id);
}

function inferred(kind: InferredKind, name: string, loss: Loss | undefined): Metric {
  const encoding = encodingFromLoss(loss);
  if (kind === 'accuracy' && encoding === 'binary') return new BinaryAccuracy({ name });
  if (kind === 'accuracy' && encoding === 'sparse') return new SparseCategoricalAccuracy({ name });
  const fromLogits = loss !== undefined && 'fromLogits' in loss && loss.fromLogits === true;
  if (kind === 'crossentropy' && encoding === 'binary') return new BinaryCrossentropy({ name, fromLogits });
  if (kind === 'crossentropy' && encoding === 'sparse') return new SparseCategoricalCrossentropy({ name, fromLogits });
  return new InferredMetric({ name, kind, encoding: null, fromLogits });
}

/**
 * Rebuilds a metric from {className, config}. Built-in metrics are registered as
 * 'metrics>ClassName' so that 'MeanSquaredError' etc. do not shadow the losses of that name.
 */
export function deserializeMetric(serialized: SerializedObject): Metric {
  let obj: unknown;
  try {
    const cls = getRegisteredClass(`${METRICS_PACKAGE}>${serialized.className}`, 'metric');
    obj = cls.fromConfig(serialized.config ?? {});
  } catch (err) {
    if (!(err instanceof UnknownNameError)) throw err;
    obj = deserialize(serialized, 'metric');
  }
  if (!(obj instanceof Metric)) {
    throw new ValueError(`deserializeMetric: expected '${serialized.className}' to be a Metric class, found another kind of object.`);
  }
  return obj;
}
