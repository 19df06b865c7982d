// Registers the activation layers for deserialization by class name.
import { registerClass } from '../../saving/serialization.js';
import { ELU } from './elu.js';
import { LeakyReLU } from './leaky-relu.js';
import { PReLU } from './prelu.js';
import { ReLU } from './relu.js';
import { Softmax } from './softmax.js';
import { ThresholdedReLU } from './thresholded-relu.js';

for (const cls of [ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax]) registerClass(cls);
