// Registers the built-in losses for deserialization; the package entry point imports this file.
import { registerClass } from '../saving/serialization.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { Hinge } from './hinge.js';

for (const cls of [MeanSquaredError, MeanAbsoluteError, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, Hinge]) {
  registerClass(cls);
}
