// @strata/datasets: real and toy data sets for Strata demos and tests.
export { loadMnist, MNIST_DEFAULT_SEED, MNIST_SAMPLES } from './mnist.js';
export type { MnistData, MnistOptions, MnistSplit } from './mnist.js';
export { MNIST_CLASSES, MNIST_IMAGE_SIZE, MNIST_PIXELS } from './mnist-source.js';
export { makeMoons } from './moons.js';
export type { MoonsOptions } from './moons.js';
export { makeSpirals } from './spirals.js';
export type { SpiralsOptions } from './spirals.js';
export { makeXor } from './xor.js';
export type { XorOptions } from './xor.js';
export type { ToyDataset } from './toy-common.js';
export { SeededRandom } from './random.js';
