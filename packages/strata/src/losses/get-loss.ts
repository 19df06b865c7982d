// Resolves what `compile({loss})` accepts: a name, a Loss, or a per-sample function.
import { UnknownNameError, ValueError } from '../errors.js';
import { deserialize, type SerializedObject } from '../saving/serialization.js';
import { Loss } from './loss.js';
import { LossFunctionWrapper, type LossFunction } from './loss-function-wrapper.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { Hinge } from './hinge.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Huber } from './huber.js';
import { LogCosh } from './log-cosh.js';
import { SquaredHinge } from './squared-hinge.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { KLDivergence } from './kl-divergence.js';
import { Poisson } from './poisson.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';

export type LossIdentifier = string | Loss | LossFunction;

type LossFactory = () => Loss;

// tfjs camelCase, Keras snake_case and class names, and the short aliases Keras accepts.
const aliases: Array<[string[], LossFactory]> = [
  [['meanSquaredError', 'mean_squared_error', 'MeanSquaredError', 'mse', 'MSE'], () => new MeanSquaredError()],
  [['meanAbsoluteError', 'mean_absolute_error', 'MeanAbsoluteError', 'mae', 'MAE'], () => new MeanAbsoluteError()],
  [['binaryCrossentropy', 'binary_crossentropy', 'BinaryCrossentropy', 'bce', 'BCE'], () => new BinaryCrossentropy()],
  [['categoricalCrossentropy', 'categorical_crossentropy', 'CategoricalCrossentropy'], () => new CategoricalCrossentropy()],
  [
    ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy'],
    () => new SparseCategoricalCrossentropy(),
  ],
  [['hinge', 'Hinge'], () => new Hinge()],
  [
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'MeanAbsolutePercentageError', 'mape', 'MAPE'],
    () => new MeanAbsolutePercentageError(),
  ],
  [
    ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'MeanSquaredLogarithmicError', 'msle', 'MSLE'],
    () => new MeanSquaredLogarithmicError(),
  ],
  [['huber', 'Huber', 'huberLoss', 'huber_loss'], () => new Huber()],
  [['logCosh', 'log_cosh', 'LogCosh', 'logcosh'], () => new LogCosh()],
  [['squaredHinge', 'squared_hinge', 'SquaredHinge'], () => new SquaredHinge()],
  [['categoricalHinge', 'categorical_hinge', 'CategoricalHinge'], () => new CategoricalHinge()],
  [
    ['klDivergence', 'kl_divergence', 'KLDivergence', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'kld', 'KLD'],
    () => new KLDivergence(),
  ],
  [['poisson', 'Poisson'], () => new Poisson()],
  // tfjs' cosineProximity is the same (negative) quantity.
  [['cosineSimilarity', 'cosine_similarity', 'CosineSimilarity', 'cosineProximity', 'cosine_proximity'], () => new CosineSimilarity()],
  [
    ['binaryFocalCrossentropy', 'binary_focal_crossentropy', 'BinaryFocalCrossentropy'],
    () => new BinaryFocalCrossentropy(),
  ],
  [
    ['categoricalFocalCrossentropy', 'categorical_focal_crossentropy', 'CategoricalFocalCrossentropy'],
    () => new CategoricalFocalCrossentropy(),
  ],
];
const byName = new Map<string, LossFactory>(aliases.flatMap(([names, make]) => names.map((n) => [n, make] as const)));

/** Every string getLoss accepts. */
export function knownLossNames(): string[] {
  return [...byName.keys()];
}

export function getLoss(id: LossIdentifier): Loss {
  if (id instanceof Loss) return id;
  if (typeof id === 'string') {
    const make = byName.get(id);
    if (!make) throw new UnknownNameError('loss', id, knownLossNames());
    return make();
  }
  if (typeof id === 'function') return new LossFunctionWrapper(id);
  throw new ValueError(`getLoss: expected a loss name, a Loss or a function (yTrue, yPred) => Tensor, found ${describe(id)}.`);
}

/** Rebuilds a loss from {className, config}; fails clearly when the class is not a Loss. */
export function deserializeLoss(serialized: SerializedObject): Loss {
  const obj: unknown = deserialize(serialized, 'loss');
  if (!(obj instanceof Loss)) {
    throw new ValueError(`deserializeLoss: expected '${serialized.className}' to be a Loss class, found another kind of object.`);
  }
  return obj;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}
