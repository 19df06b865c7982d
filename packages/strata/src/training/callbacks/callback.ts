// The callback protocol of fit / evaluate / predict (Keras' hooks). Hooks are optional; per-batch
// numbers are read lazily so that a callback that does not ask for them costs no device→host
// transfer (DESIGN §6).
import type { Tensor } from '../../runtime/tf.js';

/** Numbers for an epoch or a whole evaluation: `{loss: 0.3, accuracy: 0.9, val_loss: ...}`. */
export type Logs = Record<string, number>;

/** What a batch hook receives. `read()` syncs the running epoch means from the device. */
export interface BatchLogs {
  /** Index of the batch within the epoch. */
  readonly batch: number;
  /** Number of samples in this batch. */
  readonly size: number;
  /** Running means over the epoch so far (loss and metrics). Costs one device read. */
  read(): Logs;
  /** The names `read()` will return, known without a read. */
  keys(): string[];
}

/** What `fit` tells callbacks before training starts. */
export interface TrainingParams {
  epochs: number;
  initialEpoch: number;
  /** Batches per epoch (known for tensor data or with stepsPerEpoch; null for iterables of unknown length). */
  steps: number | null;
  samples: number | null;
  batchSize: number | null;
  verbose: 0 | 1 | 2;
  /** Names of the numbers in epoch logs, e.g. ['loss', 'accuracy', 'val_loss', 'val_accuracy'] (empty for custom steps). */
  metrics: string[];
}

/** A weight as callbacks see it (TensorBoard histograms). */
export interface CallbackWeight {
  readonly name: string;
  read(): Tensor;
}

/** The part of a model a callback may use. Kept narrow so callbacks do not depend on the engine. */
export interface CallbackModel {
  /** Set to end `fit` after the current batch. */
  stopTraining: boolean;
  readonly name: string;
  readonly weights: readonly CallbackWeight[];
  /** Copies of the weight values (the caller disposes them). */
  getWeights(): Tensor[];
  setWeights(values: Tensor[]): void;
  /** The optimizer whose learning rate the LR callbacks read and set (null when there is none). */
  readonly optimizer: { learningRate: number } | null;
  save(target: string): Promise<unknown>;
  saveWeights(target: string): Promise<unknown>;
}

export abstract class Callback {
  model: CallbackModel | null = null;
  params: TrainingParams | null = null;

  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: TrainingParams): void {
    this.params = params;
  }

  async onTrainBegin(_logs?: Logs): Promise<void> {}
  async onTrainEnd(_logs?: Logs): Promise<void> {}
  async onEpochBegin(_epoch: number, _logs?: Logs): Promise<void> {}
  async onEpochEnd(_epoch: number, _logs: Logs): Promise<void> {}
  async onBatchBegin(_batch: number): Promise<void> {}
  async onBatchEnd(_batch: number, _logs: BatchLogs): Promise<void> {}
  /** Evaluation (validation inside fit, or evaluate over a batch source). */
  async onTestBegin(_logs?: Logs): Promise<void> {}
  async onTestEnd(_logs: Logs): Promise<void> {}
  async onTestBatchBegin(_batch: number): Promise<void> {}
  async onTestBatchEnd(_batch: number, _logs: BatchLogs): Promise<void> {}
  /** Prediction over a batch source. */
  async onPredictBegin(): Promise<void> {}
  async onPredictEnd(): Promise<void> {}
  async onPredictBatchBegin(_batch: number): Promise<void> {}
  async onPredictBatchEnd(_batch: number, _size: number): Promise<void> {}
  /** Called when the loop yields to the event loop (see fit's `yieldEvery`). */
  async onYield(_epoch: number, _batch: number, _logs: BatchLogs): Promise<void> {}
}

type Hooks = Omit<Callback, 'model' | 'params' | 'setModel' | 'setParams'>;

/** Runs a list of callbacks in order. */
export class CallbackList {
  constructor(readonly callbacks: Callback[]) {}

  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) c.setModel(model);
  }
  setParams(params: TrainingParams): void {
    for (const c of this.callbacks) c.setParams(params);
  }
  private async each<K extends keyof Hooks>(hook: K, ...args: Parameters<Hooks[K]>): Promise<void> {
    for (const c of this.callbacks) await (c[hook] as (...a: Parameters<Hooks[K]>) => Promise<void>).apply(c, args);
  }
  onTrainBegin(logs?: Logs): Promise<void> {
    return this.each('onTrainBegin', logs);
  }
  onTrainEnd(logs?: Logs): Promise<void> {
    return this.each('onTrainEnd', logs);
  }
  onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    return this.each('onEpochBegin', epoch, logs);
  }
  onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    return this.each('onEpochEnd', epoch, logs);
  }
  onBatchBegin(batch: number): Promise<void> {
    return this.each('onBatchBegin', batch);
  }
  onBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    return this.each('onBatchEnd', batch, logs);
  }
  onTestBegin(logs?: Logs): Promise<void> {
    return this.each('onTestBegin', logs);
  }
  onTestEnd(logs: Logs): Promise<void> {
    return this.each('onTestEnd', logs);
  }
  onTestBatchBegin(batch: number): Promise<void> {
    return this.each('onTestBatchBegin', batch);
  }
  onTestBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    return this.each('onTestBatchEnd', batch, logs);
  }
  onPredictBegin(): Promise<void> {
    return this.each('onPredictBegin');
  }
  onPredictEnd(): Promise<void> {
    return this.each('onPredictEnd');
  }
  onPredictBatchBegin(batch: number): Promise<void> {
    return this.each('onPredictBatchBegin', batch);
  }
  onPredictBatchEnd(batch: number, size: number): Promise<void> {
    return this.each('onPredictBatchEnd', batch, size);
  }
  onYield(epoch: number, batch: number, logs: BatchLogs): Promise<void> {
    return this.each('onYield', epoch, batch, logs);
  }
}
