// The default train and test steps (what Model.trainStep / testStep do unless a subclass
// overrides them): forward pass, compiled loss (+ regularization), gradients, optimizer update,
// weight constraints, and on-device metric updates. Nothing is read back to the host here.
import { tf, type Tensor } from '../runtime/tf.js';
import { StateError, ValueError } from '../errors.js';
import type { Weight } from '../engine/weight.js';
import { collectLosses } from '../engine/loss-collector.js';
import type { CompiledState, StepOptimizer } from './compile.js';
import type { Batch } from './data-adapter.js';

/** The parts of a model the default steps use. */
export interface TrainableModel {
  readonly name: string;
  readonly trainableWeights: Weight[];
  readonly weights: Weight[];
  /** Forward pass on concrete tensors: one tensor per model output. */
  forwardAll(x: Tensor[], training: boolean): Tensor[];
  regularizationLosses(): Tensor[];
}

/** A compiled state that has a loss (what the default steps need). */
export type LossState = CompiledState & { lossTracker: NonNullable<CompiledState['lossTracker']> };

export function hasLoss(compiled: CompiledState): compiled is LossState {
  return compiled.lossTracker !== null && compiled.outputs.length > 0;
}

/** The compiled state, checked to have a loss (and an optimizer when training). */
export function requireLoss(model: { name: string }, compiled: CompiledState, step: 'trainStep' | 'testStep'): LossState {
  if (!hasLoss(compiled)) {
    throw new StateError(
      `Model '${model.name}': the default ${step}() computes the compiled loss, but compile() was given none; ` +
        `pass {loss} to compile(), or override ${step}() in your model class.`,
    );
  }
  if (step === 'trainStep' && compiled.optimizer === null) {
    throw new StateError(`Model '${model.name}': the default trainStep() needs an optimizer; pass {optimizer} to compile().`);
  }
  return compiled;
}

let warnedNoTrainableWeights = false;

export function defaultTrainStep(model: TrainableModel, compiled: LossState, batch: Batch): void {
  const trainable = model.trainableWeights;
  if (trainable.length === 0) {
    // Keras warns and still reports loss and metrics; there is nothing to update.
    if (!warnedNoTrainableWeights) {
      console.warn(`Model '${model.name}' has no trainable weights; fit() computes the loss but changes nothing.`);
      warnedNoTrainableWeights = true;
    }
    defaultTestStep(model, compiled, batch, true);
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
    (compiled.optimizer as StepOptimizer).applyGradients(pairs);
  });
  applyConstraints(trainable);
}

type StepResult = { yPred: Tensor[]; outputLosses: Tensor[]; total: Tensor };

/** Weighted output losses plus weight penalties and any losses layers added. */
export function compiledLoss(
  model: TrainableModel,
  compiled: CompiledState,
  y: Tensor[],
  yPred: Tensor[],
  sampleWeight: Tensor | null,
  added: Tensor[] = [],
): { outputLosses: Tensor[]; total: Tensor } {
  if (y.length !== compiled.outputs.length) {
    throw new ValueError(
      `Model '${model.name}': the compiled loss covers ${compiled.outputs.length} output(s), but ${y.length} target(s) were given.`,
    );
  }
  const sw = sampleWeight ?? undefined;
  const outputLosses = compiled.outputs.map((o, i) => o.loss.compute(y[i], yPred[i], sw));
  const weighted = compiled.outputs.map((o, i) => (o.weight === 1 ? outputLosses[i] : tf.mul(outputLosses[i], o.weight)));
  const terms = [...weighted, ...model.regularizationLosses(), ...added];
  return { outputLosses, total: terms.length > 1 ? tf.addN(terms) : terms[0] };
}

/** Forward pass and total loss: weighted output losses, weight penalties and losses layers added. */
function forwardWithLoss(model: TrainableModel, compiled: CompiledState, batch: Batch, training: boolean): StepResult {
  const { result: yPred, losses: added } = collectLosses(() => model.forwardAll(batch.x, training));
  const { outputLosses, total } = compiledLoss(model, compiled, batch.y, yPred, batch.sampleWeight, added);
  return { yPred, outputLosses, total };
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
export function updateMetrics(compiled: LossState, batch: Batch, result: StepResult): void {
  const size = tf.scalar(batch.size);
  const sampleWeight = batch.sampleWeight ?? undefined;
  compiled.lossTracker.update(result.total, size);
  compiled.outputs.forEach((o, i) => {
    o.lossTracker?.update(result.outputLosses[i], size);
    for (const metric of o.metrics) metric.updateState(batch.y[i], result.yPred[i], sampleWeight);
  });
}

/** Projects each weight that has a constraint back into its set (after an optimizer update). */
export function applyConstraints(weights: readonly Weight[]): void {
  for (const w of weights) {
    if (!w.constraint) continue;
    const constrained = tf.tidy(() => w.constraint!.apply(w.read()));
    w.variable.assign(constrained);
    constrained.dispose();
  }
}

/** One evaluation step: forward (inference mode unless told), then loss and metrics on the device. */
export function defaultTestStep(model: TrainableModel, compiled: LossState, batch: Batch, training = false): void {
  tf.tidy(() => updateMetrics(compiled, batch, forwardWithLoss(model, compiled, batch, training)));
}
