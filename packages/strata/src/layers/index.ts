// `st.layers.*`: layer classes and their tfjs-layers-style factories.
export { Activation, activation, type ActivationArgs } from './core/activation.js';
export { Dense, dense, type DenseArgs } from './core/dense.js';
export { Dropout, dropout, type DropoutArgs } from './core/dropout.js';
export { Flatten, flatten, type FlattenArgs } from './core/flatten.js';
export { InputLayer, inputLayer, type InputLayerArgs } from './core/input-layer.js';
export { Reshape, reshape, type ReshapeArgs } from './core/reshape.js';
export * from './convolutional/index.js';
export * from './pooling/index.js';
export * from './normalization/index.js';
export * from './regularization/index.js';
export * from './recurrent/index.js';
export * from './attention/index.js';
export * from './merging/index.js';
export * from './reshaping/index.js';
export * from './activation/index.js';
