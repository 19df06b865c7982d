// Optimizer state for saving and resuming. BaseOptimizer.getWeights lists it in Keras 3's order
// (iteration, learning_rate unless it is a schedule, then each slot group interleaved per
// variable: Adam m0, v0, m1, v1, ...), which is what .keras files store under optimizer/vars;
// the tfjs format and .h5 files store the same list.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { BaseOptimizer } from '../../optimizers/index.js';

export type StateTensor = { name: string; tensor: Tensor };

function trainable(model: Model): { variables: tf.Variable[]; paths: string[] } {
  const weights = model.trainableWeights;
  return { variables: weights.map((w) => w.variable), paths: weights.map((w) => w.name) };
}

/** The optimizer state of `model`; tensors are the live variables (read them before the next step). */
export function optimizerState(model: Model, optimizer: BaseOptimizer): StateTensor[] {
  const { variables, paths } = trainable(model);
  return optimizer.getWeights(variables, paths);
}

/** Restores state read from a file, in optimizerState's order. All or nothing; errors name `source`. */
export function restoreOptimizerState(model: Model, optimizer: BaseOptimizer, values: Tensor[], source: string): void {
  const { variables, paths } = trainable(model);
  try {
    optimizer.setWeights(variables, values, paths);
  } catch (e) {
    throw new ModelFileError(`${source}: the saved optimizer state does not fit the model: ${(e as Error).message}`);
  }
}
