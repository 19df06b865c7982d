// Registers the built-in optimizers and learning-rate schedules for deserialization; imported by
// the package entry point.
import { registerClass } from '../saving/serialization.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  LinearWarmup,
  PiecewiseConstantDecay,
  PolynomialDecay,
} from './schedules/index.js';

for (const cls of [SGD, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, RMSprop, Lion]) registerClass(cls);
for (const cls of [ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts, LinearWarmup]) {
  registerClass(cls);
}
