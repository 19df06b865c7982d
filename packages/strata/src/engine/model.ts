// Model: a Layer that can be compiled and trained. Holds what Sequential and the functional
// model share: compile / fit / evaluate / predict / trainOnBatch / summary / getLayer.
import { tf, type Shape, type Tensor } from '../runtime/tf.js';
import { StateError, ValueError, formatShape } from '../errors.js';
import { ensureBackend } from '../backend/index.js';
import type { BaseOptimizer } from '../optimizers/index.js';
import { disposeCompiled, resolveCompileArgs, type CompileArgs, type CompiledState } from '../training/compile.js';
import { TensorBatches, disposeBatch, toTensorList, type DataInput } from '../training/data-adapter.js';
import { prepareData, runFit, type EvaluateArgs, type FitArgs } from '../training/fit-loop.js';
import type { History } from '../training/callbacks/history.js';
import { metricNames, metricResults, readMetricsSync, resetMetrics } from '../training/metric-state.js';
import { testStep, trainStep } from '../training/train-step.js';
import { Layer, type CallOptions, type LayerInputs, type LayerOutputs } from './layer.js';
import { formatSummary, type SummaryOptions } from './summary.js';
import { saveModel } from '../saving/save-load.js';
import type { ModelTarget } from '../saving/io/handlers.js';

export type PredictArgs = { batchSize?: number; verbose?: 0 | 1 };

export abstract class Model extends Layer {
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

  // ---- compile & train -------------------------------------------------------------------

  compile(args: CompileArgs): void {
    const compiled = resolveCompileArgs(args, this.outputNames);
    this.disposeCompiled();
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
    return metricNames(this.requireCompiled('metricsNames'));
  }

  protected requireCompiled(what: string): CompiledState {
    if (!this.compiled) {
      throw new StateError(`${what}: model '${this.name}' is not compiled; call model.compile({optimizer, loss}) first.`);
    }
    return this.compiled;
  }

  async fit(x: DataInput, y: DataInput, args: FitArgs = {}): Promise<History> {
    const compiled = this.requireCompiled('fit()');
    await ensureBackend();
    return runFit(this, compiled, x, y, args);
  }

  /** Loss and metrics over the data: a scalar, or [loss, ...metrics] when metrics are compiled. */
  evaluate(x: DataInput, y: DataInput, args: EvaluateArgs = {}): tf.Scalar | tf.Scalar[] {
    const compiled = this.requireCompiled('evaluate()');
    const data = prepareData(this, compiled, x, y, args.sampleWeight ?? null, 'evaluate()');
    try {
      const batches = new TensorBatches(data.x, data.y, data.sampleWeight, args.batchSize ?? 32);
      resetMetrics(compiled);
      for (const batch of batches.batches(false)) {
        try {
          testStep(this, compiled, batch);
        } finally {
          disposeBatch(batch);
        }
      }
      const results = metricResults(compiled);
      return results.length === 1 ? results[0] : results;
    } finally {
      tf.dispose(data.owned);
    }
  }

  /** Batched inference: one tensor, or one per output for a multi-output model. */
  predict(x: DataInput, args: PredictArgs = {}): Tensor | Tensor[] {
    const xs = toTensorList(x, 'predict(): x');
    try {
      this.assertInputsMatch(xs.tensors, 'predict()');
      const batches = new TensorBatches(xs.tensors, [], null, args.batchSize ?? 32);
      const perBatch: Tensor[][] = [];
      for (const batch of batches.batches(false)) {
        perBatch.push(tf.tidy(() => this.forwardAll(batch.x, false)));
        disposeBatch(batch);
      }
      const outputs = perBatch[0].map((_, i) => {
        if (perBatch.length === 1) return perBatch[0][i];
        const joined = tf.concat(perBatch.map((b) => b[i]), 0);
        tf.dispose(perBatch.map((b) => b[i]));
        return joined;
      });
      return outputs.length === 1 ? outputs[0] : outputs;
    } finally {
      tf.dispose(xs.owned);
    }
  }

  predictOnBatch(x: DataInput): Tensor | Tensor[] {
    const xs = toTensorList(x, 'predictOnBatch(): x');
    try {
      this.assertInputsMatch(xs.tensors, 'predictOnBatch()');
      const outputs = tf.tidy(() => this.forwardAll(xs.tensors, false));
      return outputs.length === 1 ? outputs[0] : outputs;
    } finally {
      tf.dispose(xs.owned);
    }
  }

  /** One gradient step on one batch; returns the loss (and metrics) of that batch. */
  async trainOnBatch(x: DataInput, y: DataInput, sampleWeight?: Tensor): Promise<number | number[]> {
    const compiled = this.requireCompiled('trainOnBatch()');
    await ensureBackend();
    const data = prepareData(this, compiled, x, y, sampleWeight ?? null, 'trainOnBatch()');
    try {
      resetMetrics(compiled);
      trainStep(this, compiled, { x: data.x, y: data.y, sampleWeight: data.sampleWeight, size: data.x[0].shape[0] });
      const values = Object.values(readMetricsSync(compiled));
      return values.length === 1 ? values[0] : values;
    } finally {
      tf.dispose(data.owned);
    }
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
  async save(target: ModelTarget): Promise<tf.io.SaveResult> {
    return saveModel(this, target);
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
