// tfjs-layers' `yieldEvery`: how often the training loop gives the event loop a turn, so a
// page stays responsive (and timers, I/O and `onYield` callbacks run) during a long fit.
import { ValueError } from '../errors.js';

/** 'auto' = every 125 ms (tfjs' default), 'batch', 'epoch', 'never', or a number of milliseconds. */
export type YieldEvery = 'auto' | 'batch' | 'epoch' | 'never' | number;

const AUTO_MS = 125;

function macrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  return new Promise((resolve) => (g.setImmediate ? g.setImmediate(resolve) : setTimeout(resolve, 0)));
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

export class Yielder {
  private readonly everyMs: number | null;
  private last = now();

  constructor(private readonly mode: YieldEvery) {
    if (typeof mode === 'number') {
      if (!(mode >= 0)) throw new ValueError(`yieldEvery must be 'auto', 'batch', 'epoch', 'never' or a number of milliseconds >= 0, found ${mode}.`);
      this.everyMs = mode;
    } else if (mode === 'auto') {
      this.everyMs = AUTO_MS;
    } else if (mode === 'batch' || mode === 'epoch' || mode === 'never') {
      this.everyMs = null;
    } else {
      throw new ValueError(`yieldEvery must be 'auto', 'batch', 'epoch', 'never' or a number of milliseconds, found ${JSON.stringify(mode)}.`);
    }
  }

  /** After a batch: yields when due; returns whether it did. */
  async afterBatch(): Promise<boolean> {
    if (this.mode === 'batch') return this.yieldNow();
    if (this.everyMs !== null && now() - this.last >= this.everyMs) return this.yieldNow();
    return false;
  }

  async afterEpoch(): Promise<boolean> {
    return this.mode === 'epoch' ? this.yieldNow() : false;
  }

  private async yieldNow(): Promise<boolean> {
    await macrotask();
    this.last = now();
    return true;
  }
}
