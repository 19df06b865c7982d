// Gradient helpers for custom train steps (Model.computeGradients / applyGradients / minimize):
// the pieces of the default step, usable one at a time, e.g. to train a GAN's two halves with
// two optimizers. They run inside the step's tidy and read nothing back to the host.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import type { Weight } from '../engine/weight.js';
import type { BaseOptimizer } from '../optimizers/index.js';
import { toStepOptimizer, type StepOptimizer } from './compile.js';
import { applyConstraints } from './train-step.js';

/** What the helpers accept as an optimizer. */
export type OptimizerLike = BaseOptimizer | tf.Optimizer;

export type Gradients = {
  /** The value of the loss function (a scalar). */
  loss: tf.Scalar;
  /** One gradient per weight, in the order given; null where the loss does not depend on the weight. */
  gradients: (Tensor | null)[];
};

function checkWeights(weights: readonly Weight[], where: string): void {
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new ValueError(`${where}: expected a non-empty list of weights (e.g. model.trainableWeights), found ${Array.isArray(weights) ? 'an empty list' : typeof weights}.`);
  }
}

/** Gradients of `lossFn()` (a scalar) with respect to `weights`. */
export function computeGradients(lossFn: () => Tensor, weights: readonly Weight[], where = 'computeGradients()'): Gradients {
  checkWeights(weights, where);
  const variables = weights.map((w) => w.variable);
  const { value, grads } = tf.variableGrads(() => {
    const loss = lossFn();
    if (!(loss instanceof tf.Tensor) || loss.rank !== 0) {
      // Thrown inside the tape; the message matters more than the tape's few saved tensors.
      throw new ValueError(
        `${where}: the loss function must return a scalar tensor, found ${loss instanceof tf.Tensor ? `shape ${formatShape(loss.shape)}` : typeof loss}.`,
      );
    }
    return loss as tf.Scalar;
  }, variables);
  return { loss: value, gradients: variables.map((v) => grads[v.name] ?? null) };
}

/** Applies gradients (null entries skipped) with an optimizer, then the weights' constraints. */
export function applyGradients(
  optimizer: OptimizerLike | StepOptimizer,
  gradients: readonly (Tensor | null)[],
  weights: readonly Weight[],
  where = 'applyGradients()',
): void {
  checkWeights(weights, where);
  if (gradients.length !== weights.length) {
    throw new ValueError(`${where}: expected one gradient per weight (${weights.length}), found ${gradients.length}.`);
  }
  const step = optimizer instanceof tf.Optimizer ? toStepOptimizer(optimizer) : optimizer;
  const pairs = weights.flatMap((w, i) => (gradients[i] ? [{ variable: w.variable, gradient: gradients[i]! }] : []));
  if (pairs.length === 0) return;
  step.applyGradients(pairs);
  applyConstraints(weights);
}

/** computeGradients + applyGradients: one optimizer step on `lossFn`; returns the loss. */
export function minimize(
  lossFn: () => Tensor,
  weights: readonly Weight[],
  optimizer: OptimizerLike | StepOptimizer,
  where = 'minimize()',
): tf.Scalar {
  const { loss, gradients } = computeGradients(lossFn, weights, where);
  applyGradients(optimizer, gradients, weights, where);
  tf.dispose(gradients.filter((g): g is Tensor => g !== null));
  return loss;
}
