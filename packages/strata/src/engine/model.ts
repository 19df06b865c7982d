// Model: a Layer that can be compiled and trained. Holds what Sequential, the functional model
// and user subclasses share: compile / fit / evaluate / predict / the *OnBatch methods / save,
// and the overridable steps (trainStep / testStep / predictStep) with the helpers a custom step
// needs (computeLoss, computeGradients, applyGradients, minimize). The loops live in training/.
import { tf, type Shape, type Tensor } from '../runtime/tf.js';
import { StateError, ValueError, formatShape } from '../errors.js';
import { ensureBackend } from '../backend/index.js';
import type { BaseOptimizer } from '../optimizers/index.js';
import type { Metric } from '../metrics/metric.js';
import { disposeCompiled, resolveCompileArgs, trackedMetrics, type CompileArgs, type CompiledState } from '../training/compile.js';
import type { Batch, DataInput } from '../training/data-adapter.js';
import { isBatchSource, type BatchSource } from '../training/batch-source.js';
import { fitModel } from '../training/fit-loop.js';
import { evaluateSource, evaluateTensors, testOnBatchTensors, trainOnBatchTensors } from '../training/evaluate-loop.js';
import { predictSource, predictTensors } from '../training/predict-loop.js';
import { fitDatasetToFitArgs, type EvaluateArgs, type EvaluateDatasetArgs, type FitArgs, type FitDatasetArgs, type PredictArgs } from '../training/fit-args.js';
import type { History } from '../training/callbacks/history.js';
import { assertTargetsMatch, compiledLoss, defaultTestStep, defaultTrainStep, hasLoss, requireLoss } from '../training/train-step.js';
import { applyGradients, computeGradients, minimize, type Gradients, type OptimizerLike } from '../training/gradients.js';
import type { NamedMetric, StepLogs, StepModel } from '../training/step-model.js';
import { loadWeightsFile, saveWeightsFile } from '../training/weights-file.js';
import { Layer, type CallOptions, type LayerInputs, type LayerOutputs } from './layer.js';
import type { Weight } from './weight.js';
import { formatSummary, type SummaryOptions } from './summary.js';
import { saveModel, type SaveOptions } from '../saving/save-load.js';
import type { ModelTarget } from '../saving/io/handlers.js';

export type { PredictArgs } from '../training/fit-args.js';

/** Options of the gradient helpers: which weights (default: all trainable) and which optimizer (default: the compiled one). */
export type GradientOptions = { weights?: readonly Weight[]; optimizer?: OptimizerLike };

export abstract class Model extends Layer implements StepModel {
  static override readonly className: string = 'Model';
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  protected compiled: CompiledState | null = null;

  /** The layers of the model, in order (the InputLayer of a Sequential model excluded). */
  abstract get layers(): Layer[];
  /** Batch input shapes, one per model input; null while the model is unbuilt. */
  abstract get inputShapes(): Shape[] | null;
  /** Names of the outputs (their layers' names), used for per-output losses and logs. */
  abstract get outputNames(): string[];
  /** Forward pass on concrete tensors (one per input) for a single-output model. */
  abstract forward(x: Tensor[], training: boolean): Tensor;

  /** Forward pass returning one tensor per output. */
  forwardAll(x: Tensor[], training: boolean): Tensor[] {
    return [this.forward(x, training)];
  }

  call(inputs: LayerInputs, options: CallOptions): LayerOutputs {
    return this.forward(Array.isArray(inputs) ? inputs : [inputs], options.training ?? false);
  }

  /** For subclasses of Model: registers a sub-layer (or sub-model) so its weights are the model's. */
  protected track<T extends Layer>(layer: T): T {
    if (!this.subLayers.includes(layer)) this.subLayers.push(layer);
    return layer;
  }

  // ---- compile ---------------------------------------------------------------------------

  /** Whether this model's class overrides trainStep (then compile may omit optimizer and loss). */
  private get hasCustomTrainStep(): boolean {
    return this.trainStep !== Model.prototype.trainStep;
  }

  compile(args: CompileArgs): void {
    const compiled = resolveCompileArgs(args, this.outputNames, this.hasCustomTrainStep);
    if (this.compiled) disposeCompiled(this.compiled, compiled);
    this.compiled = compiled;
    // Create optimizer state now, so tensor counts are stable across fit() (Keras builds it here too).
    if (this.built) this.compiled.strataOptimizer?.ensureBuilt(this.trainableWeights.map((w) => w.variable));
  }

  get isCompiled(): boolean {
    return this.compiled !== null;
  }

  /** The Strata optimizer given to compile (null before compile or for a tfjs-core optimizer). */
  get optimizer(): BaseOptimizer | null {
    return this.compiled?.strataOptimizer ?? null;
  }

  /** Names of the numbers evaluate() returns: ['loss', ...metrics]. */
  get metricsNames(): string[] {
    return this.namedMetrics().map((m) => m.name);
  }

  /**
   * The metrics fit resets every epoch and reports when the steps return no logs: the compiled
   * loss and metrics. A subclass with its own trackers adds them (Keras' `metrics` property):
   * `override get metrics() { return [...super.metrics, this.dLoss]; }`.
   */
  get metrics(): Metric[] {
    return this.compiled ? trackedMetrics(this.compiled).map((t) => t.metric) : [];
  }

  /** @internal `metrics` with their log names (compiled ones carry output prefixes). */
  namedMetrics(): NamedMetric[] {
    const compiledNames = new Map(this.compiled ? trackedMetrics(this.compiled).map((t) => [t.metric, t.name] as const) : []);
    return this.metrics.map((metric) => ({ name: compiledNames.get(metric) ?? metric.name, metric }));
  }

  protected requireCompiled(what: string): CompiledState {
    if (!this.compiled) {
      throw new StateError(`${what}: model '${this.name}' is not compiled; call model.compile({optimizer, loss}) first.`);
    }
    return this.compiled;
  }

  // ---- steps (override these for custom training) -----------------------------------------

  /**
   * One training step on one batch; runs inside `tidy`. The default: forward, compiled loss,
   * gradients, optimizer update, metric updates. Override it (a GAN, a custom loss) and return
   * the batch's numbers, e.g. `{dLoss, gLoss}` (fit averages them per epoch), or update your own
   * metrics and return nothing.
   */
  trainStep(batch: Batch): StepLogs | void {
    defaultTrainStep(this, requireLoss(this, this.requireCompiled('trainStep()'), 'trainStep'), batch);
  }

  /** One evaluation step (evaluate, and validation in fit); same contract as trainStep. */
  testStep(batch: Batch): StepLogs | void {
    defaultTestStep(this, requireLoss(this, this.requireCompiled('testStep()'), 'testStep'), batch);
  }

  /** One prediction step: the outputs for a batch of inputs. */
  predictStep(x: Tensor[]): Tensor[] {
    return this.forwardAll(x, false);
  }

  /** The compiled loss of predictions (weighted over outputs) plus the weights' regularization penalties. */
  computeLoss(y: Tensor | Tensor[], yPred: Tensor | Tensor[], sampleWeight: Tensor | null = null): tf.Scalar {
    const compiled = this.requireCompiled('computeLoss()');
    if (!hasLoss(compiled)) throw new StateError(`computeLoss(): model '${this.name}' was compiled without a loss.`);
    const list = (t: Tensor | Tensor[]) => (Array.isArray(t) ? t : [t]);
    return compiledLoss(this, compiled, list(y), list(yPred), sampleWeight).total as tf.Scalar;
  }

  /** Gradients of `lossFn()` for `weights` (default: the trainable weights), in that order. */
  computeGradients(lossFn: () => Tensor, weights: readonly Weight[] = this.trainableWeights): Gradients {
    return computeGradients(lossFn, weights, `${this.name}.computeGradients()`);
  }

  /** Applies gradients with an optimizer (default: the compiled one), then weight constraints. */
  applyGradients(gradients: readonly (Tensor | null)[], options: GradientOptions = {}): void {
    applyGradients(this.stepOptimizer(options.optimizer), gradients, options.weights ?? this.trainableWeights, `${this.name}.applyGradients()`);
  }

  /** One optimizer step on `lossFn` (computeGradients + applyGradients); returns the loss. */
  minimize(lossFn: () => Tensor, options: GradientOptions = {}): tf.Scalar {
    return minimize(lossFn, options.weights ?? this.trainableWeights, this.stepOptimizer(options.optimizer), `${this.name}.minimize()`);
  }

  private stepOptimizer(given: OptimizerLike | undefined) {
    if (given) return given;
    const compiled = this.requireCompiled('applyGradients()');
    if (!compiled.optimizer) throw new StateError(`Model '${this.name}' was compiled without an optimizer; pass {optimizer} to the call.`);
    return compiled.optimizer;
  }

  /**
   * @internal Before the first step: builds an unbuilt model by running it on one sample (a
   * subclass's layers create their weights on first call), then checks the targets against the
   * compiled losses when the default step will use them.
   */
  checkData(x: Tensor[], y: Tensor[], phase: 'train' | 'test', _where: string): void {
    if (!this.built && x.length > 0 && x.every((t) => t.rank > 0 && t.shape[0] > 0)) {
      tf.tidy(() => this.forwardAll(x.map((t) => tf.slice(t, 0, 1)), false));
      this.built = true;
      if (this.trainableWeights.length > 0) this.compiled?.strataOptimizer?.ensureBuilt(this.trainableWeights.map((w) => w.variable));
    }
    const custom = phase === 'train' ? this.hasCustomTrainStep : this.testStep !== Model.prototype.testStep;
    const compiled = this.compiled;
    if (custom || !compiled || !hasLoss(compiled)) return;
    assertTargetsMatch(this, compiled, x, y);
  }

  // ---- fit / evaluate / predict ---------------------------------------------------------------

  /** Trains on tensors (`fit(x, y, args)`) or on a batch source (`fit(dataset, args)`). */
  fit(source: BatchSource, args?: FitArgs): Promise<History>;
  fit(x: DataInput, y?: DataInput | null, args?: FitArgs): Promise<History>;
  async fit(x: DataInput | BatchSource, y?: DataInput | null | FitArgs, args: FitArgs = {}): Promise<History> {
    this.requireCompiled('fit()');
    await ensureBackend();
    if (isBatchSource(x)) return fitModel(this, { source: x }, (y ?? {}) as FitArgs);
    return fitModel(this, { x: x as DataInput, y: y as DataInput | null | undefined }, args);
  }

  /** tfjs-layers' fitDataset: `{epochs, batchesPerEpoch, validationData, validationBatches, ...}`. */
  async fitDataset(dataset: BatchSource, args: FitDatasetArgs = {}): Promise<History> {
    this.requireCompiled('fitDataset()');
    await ensureBackend();
    return fitModel(this, { source: dataset }, fitDatasetToFitArgs(args), 'fitDataset()');
  }

  /** Loss and metrics: a scalar, or one per number ([loss, ...metrics]). Async for a batch source. */
  evaluate(source: BatchSource, args?: EvaluateArgs): Promise<tf.Scalar | tf.Scalar[]>;
  evaluate(x: DataInput, y?: DataInput | null, args?: EvaluateArgs): tf.Scalar | tf.Scalar[];
  evaluate(
    x: DataInput | BatchSource,
    y?: DataInput | null | EvaluateArgs,
    args: EvaluateArgs = {},
  ): tf.Scalar | tf.Scalar[] | Promise<tf.Scalar | tf.Scalar[]> {
    this.requireCompiled('evaluate()');
    if (isBatchSource(x)) return evaluateSource(this, x, (y ?? {}) as EvaluateArgs);
    return evaluateTensors(this, x as DataInput, y as DataInput | null | undefined, args);
  }

  /** tfjs-layers' evaluateDataset: `{batches}` limits the number of batches. */
  async evaluateDataset(dataset: BatchSource, args: EvaluateDatasetArgs = {}): Promise<tf.Scalar | tf.Scalar[]> {
    this.requireCompiled('evaluateDataset()');
    const { batches, ...rest } = args;
    return evaluateSource(this, dataset, { ...rest, steps: batches }, 'evaluateDataset()');
  }

  /** Batched inference: one tensor, or one per output. Async for a batch source. */
  predict(source: BatchSource<unknown>, args?: PredictArgs): Promise<Tensor | Tensor[]>;
  predict(x: DataInput, args?: PredictArgs): Tensor | Tensor[];
  predict(x: DataInput | BatchSource<unknown>, args: PredictArgs = {}): Tensor | Tensor[] | Promise<Tensor | Tensor[]> {
    if (isBatchSource(x)) return predictSource(this, x, args);
    return predictTensors(this, x as DataInput, args);
  }

  predictOnBatch(x: DataInput): Tensor | Tensor[] {
    return predictTensors(this, x, { batchSize: Number.MAX_SAFE_INTEGER });
  }

  /** One train step on one batch; returns the numbers of that batch (computed before the update). */
  async trainOnBatch(x: DataInput, y?: DataInput | null, sampleWeight?: Tensor | number[]): Promise<number | number[]> {
    this.requireCompiled('trainOnBatch()');
    await ensureBackend();
    return trainOnBatchTensors(this, x, y, sampleWeight);
  }

  /** One test step on one batch; returns its loss (and metrics). */
  async testOnBatch(x: DataInput, y?: DataInput | null, sampleWeight?: Tensor | number[]): Promise<number | number[]> {
    this.requireCompiled('testOnBatch()');
    return testOnBatchTensors(this, x, y, sampleWeight);
  }

  // ---- inputs, layers, summary ----------------------------------------------------------------

  /** Throws a ValueError naming the expected and found shapes when x does not fit the model. */
  assertInputsMatch(x: Tensor[], where: string): void {
    const expected = this.inputShapes;
    if (!expected) return;
    if (x.length !== expected.length) {
      throw new ValueError(`${where}: model '${this.name}' expects ${expected.length} input(s), found ${x.length}.`);
    }
    x.forEach((t, i) => {
      const want = expected[i];
      const matches = t.rank === want.length && want.every((d, axis) => d === null || d === t.shape[axis]);
      if (!matches) {
        const which = expected.length > 1 ? `input ${i}` : 'x';
        throw new ValueError(
          `${where}: ${which} of model '${this.name}' expected shape ${formatShape(want)}, found ${formatShape(t.shape)}.`,
        );
      }
    });
  }

  /** tfjs-layers signature: by name, or by index into `layers`. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      const layer = layers[nameOrIndex];
      if (!layer) throw new ValueError(`getLayer(${nameOrIndex}): model '${this.name}' has ${layers.length} layers.`);
      return layer;
    }
    const layer = layers.find((l) => l.name === nameOrIndex);
    if (!layer) {
      throw new ValueError(
        `getLayer('${nameOrIndex}'): no such layer in model '${this.name}'. Layers: ${layers.map((l) => l.name).join(', ')}.`,
      );
    }
    return layer;
  }

  summary(options: SummaryOptions = {}): string {
    const text = formatSummary(this, options);
    (options.printFn ?? console.log)(text);
    return text;
  }

  /** Saves in the tfjs layers-model format: 'file://dir' in Node, or any tfjs IOHandler / URL. */
  async save(target: ModelTarget, options: SaveOptions = {}): Promise<tf.io.SaveResult> {
    return saveModel(this, target, options);
  }

  /** Saves the weights alone (weights.json + weights.bin in a directory; Node). */
  async saveWeights(target: string): Promise<void> {
    await saveWeightsFile(this.name, this.weights, target);
  }

  /** Loads weights saved by saveWeights into this model (names and shapes must match). */
  async loadWeights(target: string): Promise<void> {
    await loadWeightsFile(this.name, this.weights, target);
  }

  // ---- lifetime -----------------------------------------------------------------------

  private disposeCompiled(): void {
    if (!this.compiled) return;
    disposeCompiled(this.compiled);
    this.compiled = null;
  }

  /** Frees every weight, optimizer slot and metric variable of the model. */
  override dispose(): void {
    this.disposeCompiled();
    super.dispose();
  }
}
