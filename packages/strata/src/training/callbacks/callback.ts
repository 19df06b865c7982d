// The callback protocol of `fit`. Hooks are optional; per-batch numbers are read lazily so that
// a callback that does not ask for them costs no device→host transfer (DESIGN §6).

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
}

/** What `fit` tells callbacks before training starts. */
export interface TrainingParams {
  epochs: number;
  initialEpoch: number;
  /** Batches per epoch (known for tensor data; null for iterables of unknown length). */
  steps: number | null;
  samples: number | null;
  batchSize: number | null;
  verbose: 0 | 1 | 2;
  /** Names of the numbers in epoch logs, e.g. ['loss', 'accuracy', 'val_loss', 'val_accuracy']. */
  metrics: string[];
}

/** The part of a model a callback may use. Kept narrow so callbacks do not depend on the engine. */
export interface CallbackModel {
  stopTraining: boolean;
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
}

/** Runs a list of callbacks in order. */
export class CallbackList {
  constructor(readonly callbacks: Callback[]) {}

  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) c.setModel(model);
  }
  setParams(params: TrainingParams): void {
    for (const c of this.callbacks) c.setParams(params);
  }
  async onTrainBegin(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin(logs);
  }
  async onTrainEnd(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd(logs);
  }
  async onEpochBegin(epoch: number): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin(epoch);
  }
  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd(epoch, logs);
  }
  async onBatchBegin(batch: number): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin(batch);
  }
  async onBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd(batch, logs);
  }
}
