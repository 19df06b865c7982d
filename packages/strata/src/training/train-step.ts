// One optimization step: forward pass, loss (+ regularization), gradients, optimizer update,
// weight constraints, and on-device metric updates. Nothing is read back to the host here.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import type { Weight } from '../engine/weight.js';
import { collectLosses } from '../engine/loss-collector.js';
import type { CompiledState } from './compile.js';
import type { Batch } from './data-adapter.js';

/** The parts of a model the step uses. */
export interface TrainableModel {
  readonly name: string;
  readonly trainableWeights: Weight[];
  readonly weights: Weight[];
  /** Forward pass on concrete tensors: one tensor per model output. */
  forwardAll(x: Tensor[], training: boolean): Tensor[];
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
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const result = forwardWithLoss(model, compiled, batch, true);
      updateMetrics(compiled, batch, result);
      return result.total as tf.Scalar;
    }, variables);
    const pairs = variables
      .filter((v) => grads[v.name] !== undefined)
      .map((variable) => ({ variable, gradient: grads[variable.name] }));
    compiled.optimizer.applyGradients(pairs);
  });
  applyConstraints(trainable);
}

type StepResult = { yPred: Tensor[]; outputLosses: Tensor[]; total: Tensor };

/** Forward pass and total loss: weighted output losses, weight penalties and losses layers added. */
function forwardWithLoss(model: TrainableModel, compiled: CompiledState, batch: Batch, training: boolean): StepResult {
  const { result: yPred, losses: added } = collectLosses(() => model.forwardAll(batch.x, training));
  const sampleWeight = batch.sampleWeight ?? undefined;
  const outputLosses = compiled.outputs.map((o, i) => o.loss.compute(batch.y[i], yPred[i], sampleWeight));
  const weighted = compiled.outputs.map((o, i) => (o.weight === 1 ? outputLosses[i] : tf.mul(outputLosses[i], o.weight)));
  const terms = [...weighted, ...model.regularizationLosses(), ...added];
  return { yPred, outputLosses, total: terms.length > 1 ? tf.addN(terms) : terms[0] };
}

/**
 * Checks that the targets fit the model's outputs and the losses by running them on one sample.
 * An error thrown later, inside the gradient tape, would strand the tape's tensors.
 */
export function assertTargetsMatch(model: TrainableModel, compiled: CompiledState, x: Tensor[], y: Tensor[]): void {
  const names = compiled.outputs.map((o) => o.name);
  if (y.length !== names.length) {
    throw new ValueError(
      `Model '${model.name}' has ${names.length} output(s) (${names.join(', ')}), but ${y.length} target array(s) were given.`,
    );
  }
  tf.tidy(() => {
    const first = (t: Tensor) => tf.slice(t, 0, 1);
    const yPred = model.forwardAll(x.map(first), false);
    compiled.outputs.forEach((o, i) => {
      try {
        o.loss.compute(first(y[i]), yPred[i]);
      } catch (error) {
        // Repeat the check at full size (error path only) so the message shows the real shapes.
        o.loss.compute(y[i], tf.zeros([y[i].shape[0], ...yPred[i].shape.slice(1)], yPred[i].dtype));
        throw error;
      }
    });
  });
}

/** Updates the loss trackers and metrics for a batch (used by training and evaluation). */
export function updateMetrics(compiled: CompiledState, batch: Batch, result: StepResult): void {
  const size = tf.scalar(batch.size);
  const sampleWeight = batch.sampleWeight ?? undefined;
  compiled.lossTracker.update(result.total, size);
  compiled.outputs.forEach((o, i) => {
    o.lossTracker?.update(result.outputLosses[i], size);
    for (const metric of o.metrics) metric.updateState(batch.y[i], result.yPred[i], sampleWeight);
  });
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
  tf.tidy(() => updateMetrics(compiled, batch, forwardWithLoss(model, compiled, batch, training)));
}
