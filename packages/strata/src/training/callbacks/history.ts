// History: records the epoch logs; `fit` returns it (tfjs-layers and Keras shape).
import { Callback, type Logs } from './callback.js';

export class History extends Callback {
  readonly epoch: number[] = [];
  readonly history: Record<string, number[]> = {};

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    this.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) {
      (this.history[name] ??= []).push(value);
    }
  }
}
