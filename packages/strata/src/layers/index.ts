// `st.layers.*`: layer classes and their tfjs-layers-style factories.
export { Activation, activation, type ActivationArgs } from './core/activation.js';
export { Dense, dense, type DenseArgs } from './core/dense.js';
export { Dropout, dropout, type DropoutArgs } from './core/dropout.js';
export { Flatten, flatten, type FlattenArgs } from './core/flatten.js';
export { InputLayer, inputLayer, type InputLayerArgs } from './core/input-layer.js';
export { Reshape, reshape, type ReshapeArgs } from './core/reshape.js';
