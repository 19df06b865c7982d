// Registers the built-in losses for deserialization; the package entry point imports this file.
import { registerClass } from '../saving/serialization.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { Hinge } from './hinge.js';
import { SquaredHinge } from './squared-hinge.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { Huber } from './huber.js';
import { LogCosh } from './log-cosh.js';
import { KLDivergence } from './kl-divergence.js';
import { Poisson } from './poisson.js';
import { CosineSimilarity } from './cosine-similarity.js';

for (const cls of [
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalFocalCrossentropy,
  Hinge,
  SquaredHinge,
  CategoricalHinge,
  Huber,
  LogCosh,
  KLDivergence,
  Poisson,
  CosineSimilarity,
]) {
  registerClass(cls);
}
