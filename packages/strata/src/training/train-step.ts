// One optimization step: forward pass, loss (+ regularization), gradients, optimizer update,
// weight constraints, and on-device metric updates. Nothing is read back to the host here.
import { tf, type Tensor } from '../runtime/tf.js';
import type { Weight } from '../engine/weight.js';
import { collectLosses } from '../engine/loss-collector.js';
import type { CompiledState } from './compile.js';
import type { Batch } from './data-adapter.js';

/** The parts of a model the step uses. */
export interface TrainableModel {
  readonly name: string;
  readonly trainableWeights: Weight[];
  readonly weights: Weight[];
  /** Forward pass on concrete tensors. */
  forward(x: Tensor[], training: boolean): Tensor;
  regularizationLosses(): Tensor[];
}

let warnedNoTrainableWeights = false;

export function trainStep(model: TrainableModel, compiled: CompiledState, batch: Batch): void {
  const trainable = model.trainableWeights;
  if (trainable.length === 0) {
    // Keras warns and still reports loss and metrics; there is nothing to update.
    if (!warnedNoTrainableWeights) {
      console.warn(`Model '${model.name}' has no trainable weights; fit() computes the loss but changes nothing.`);
      warnedNoTrainableWeights = true;
    }
    testStep(model, compiled, batch, true);
    return;
  }
  const variables = trainable.map((w) => w.variable);
  const yTrue = batch.y[0];
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const { yPred, total } = forwardWithLoss(model, compiled, batch, true);
      updateMetrics(compiled, yTrue, yPred, total, batch);
      return total as tf.Scalar;
    }, variables);
    const pairs = variables
      .filter((v) => grads[v.name] !== undefined)
      .map((variable) => ({ variable, gradient: grads[variable.name] }));
    compiled.optimizer.applyGradients(pairs);
  });
  applyConstraints(trainable);
}

/** Forward pass and total loss: the compiled loss, weight penalties and losses layers added. */
function forwardWithLoss(
  model: TrainableModel,
  compiled: CompiledState,
  batch: Batch,
  training: boolean,
): { yPred: Tensor; total: Tensor } {
  const { result: yPred, losses: added } = collectLosses(() => model.forward(batch.x, training));
  const loss = compiled.loss.compute(batch.y[0], yPred, batch.sampleWeight ?? undefined);
  const penalties = [...model.regularizationLosses(), ...added];
  return { yPred, total: penalties.length > 0 ? tf.addN([loss, ...penalties]) : loss };
}

/**
 * Checks that the targets fit the model's outputs and the loss by running the loss on one
 * sample. An error thrown later, inside the gradient tape, would strand the tape's tensors.
 */
export function assertTargetsMatch(model: TrainableModel, compiled: CompiledState, x: Tensor[], y: Tensor[]): void {
  tf.tidy(() => {
    const first = (t: Tensor) => tf.slice(t, 0, 1);
    const yPred = model.forward(x.map(first), false);
    try {
      compiled.loss.compute(first(y[0]), yPred);
    } catch (error) {
      // Repeat the check at full size (error path only) so the message shows the real shapes.
      compiled.loss.compute(y[0], tf.zeros([y[0].shape[0], ...yPred.shape.slice(1)], yPred.dtype));
      throw error;
    }
  });
}

/** Updates the loss tracker and metrics for a batch (used by training and evaluation). */
export function updateMetrics(compiled: CompiledState, yTrue: Tensor, yPred: Tensor, loss: Tensor, batch: Batch): void {
  compiled.lossTracker.update(loss, tf.scalar(batch.size));
  for (const metric of compiled.metrics) metric.updateState(yTrue, yPred, batch.sampleWeight ?? undefined);
}

function applyConstraints(weights: Weight[]): void {
  for (const w of weights) {
    if (!w.constraint) continue;
    const constrained = tf.tidy(() => w.constraint!.apply(w.read()));
    w.variable.assign(constrained);
    constrained.dispose();
  }
}

/** One evaluation step: forward (inference mode unless told), then loss and metrics on the device. */
export function testStep(model: TrainableModel, compiled: CompiledState, batch: Batch, training = false): void {
  tf.tidy(() => {
    const { yPred, total } = forwardWithLoss(model, compiled, batch, training);
    updateMetrics(compiled, batch.y[0], yPred, total, batch);
  });
}
