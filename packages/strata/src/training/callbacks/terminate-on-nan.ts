// TerminateOnNaN: stop training as soon as the loss becomes NaN or infinite. It reads the
// running loss after every batch (one small device read per batch: the price of stopping at once).
import { Callback, type BatchLogs } from './callback.js';
import { printMessage } from './options.js';

export class TerminateOnNaN extends Callback {
  /** The batch (within its epoch) whose loss was invalid, or null. */
  terminatedAt: number | null = null;

  override async onTrainBegin(): Promise<void> {
    this.terminatedAt = null;
  }

  override async onBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    if (!logs.keys().includes('loss')) return;
    const loss = logs.read().loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      printMessage(`Batch ${batch}: Invalid loss, terminating training`);
      this.terminatedAt = batch;
      if (this.model) this.model.stopTraining = true;
    }
  }
}

export function terminateOnNaN(): TerminateOnNaN {
  return new TerminateOnNaN();
}
