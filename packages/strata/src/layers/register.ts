// Registers every built-in layer (and the models) for deserialization by class name.
import { registerClass } from '../saving/serialization.js';
import { Sequential } from '../engine/sequential.js';
import { Functional } from '../engine/functional.js';
import { Activation } from './core/activation.js';
import { Dense } from './core/dense.js';
import { Dropout } from './core/dropout.js';
import { Flatten } from './core/flatten.js';
import { InputLayer } from './core/input-layer.js';
import { Reshape } from './core/reshape.js';
import './convolutional/register.js';
import './pooling/register.js';
import './normalization/register.js';
import './regularization/register.js';
import './recurrent/register.js';
import './attention/register.js';
import './merging/register.js';
import './reshaping/register.js';
import './activation/register.js';


for (const cls of [InputLayer, Dense, Activation, Dropout, Flatten, Reshape, Sequential, Functional]) registerClass(cls);
// Keras < 2.4 and tfjs-layers write functional models as 'Model'.
registerClass(Functional, { name: 'Model' });
