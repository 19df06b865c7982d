// @strata/cli as a library: the program (for tests and embedding) and the recipes.
export { buildProgram } from './program.js';
export { buildMnistMlp, trainMnistMlp, type MnistMlpOptions, type MnistMlpResult } from './recipes/mnist-mlp.js';
export { formatBackendTable } from './commands/backends.js';
