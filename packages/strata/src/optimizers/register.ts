// Registers the built-in optimizers for deserialization; imported by the package entry point.
import { registerClass } from '../saving/serialization.js';
import { Adam } from './adam.js';
import { SGD } from './sgd.js';

registerClass(SGD);
registerClass(Adam);
