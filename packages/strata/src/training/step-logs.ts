// The running numbers of one loop (an epoch of fit, or an evaluation): either the model's
// metrics (default steps) or the means of what a custom step returned. Everything stays on the
// device; `read` transfers all values at once.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { Mean } from '../metrics/mean.js';
import type { BatchLogs, Logs } from './callbacks/callback.js';
import type { StepLogs, StepModel } from './step-model.js';

export class StepLogTracker {
  private readonly means = new Map<string, Mean>();
  /** Whether a step returned logs since the last reset. */
  private custom = false;

  constructor(
    private readonly model: StepModel,
    private readonly stepName: 'trainStep' | 'testStep',
  ) {}

  /** Starts a new epoch / evaluation: the model's metrics and our means go back to zero. */
  reset(): void {
    for (const { metric } of this.model.namedMetrics()) metric.resetState();
    for (const mean of this.means.values()) mean.resetState();
    this.custom = false;
  }

  /** Adds a step's returned logs (if any), weighted by the batch size, then frees them. */
  record(logs: StepLogs | void | undefined, size: number): void {
    if (logs === undefined || logs === null) return;
    const entries = Object.entries(logs);
    // A step's results are ours to free; a variable it returned as is stays alive.
    const owned = entries.flatMap(([, v]) => (v instanceof tf.Tensor && !(v instanceof tf.Variable) ? [v] : []));
    try {
      if (entries.length === 0) return;
      for (const [name, value] of entries) {
        if (value instanceof tf.Tensor ? value.size !== 1 : typeof value !== 'number') {
          const found = value instanceof tf.Tensor ? `a tensor of shape ${formatShape(value.shape)}` : typeof value;
          throw new ValueError(`${this.model.name}.${this.stepName}() returned '${name}' as ${found}; logs must be scalars (a number or a one-element tensor).`);
        }
        if (!this.means.has(name)) this.means.set(name, new Mean({ name }));
      }
      this.custom = true;
      tf.tidy(() => {
        for (const [name, value] of entries) {
          const scalar = typeof value === 'number' ? tf.scalar(value) : tf.reshape(value, []);
          this.means.get(name)!.update(scalar, size);
        }
      });
    } finally {
      tf.dispose(owned);
    }
  }

  /** The log names and current results (new scalars the caller disposes). */
  private results(): { names: string[]; values: Tensor[] } {
    if (this.custom) {
      const names = [...this.means.keys()];
      return { names, values: names.map((n) => this.means.get(n)!.result()) };
    }
    const named = this.model.namedMetrics();
    return { names: named.map((m) => m.name), values: named.map((m) => m.metric.result()) };
  }

  /**
   * All results in one vector. A metric with one value per class (F1Score with average null,
   * Precision at several thresholds) logs each value as `name_0`, `name_1`, ... — logs are numbers.
   */
  private stacked(): { names: string[]; stacked: Tensor | null } {
    const { names, values } = this.results();
    if (values.length === 0) return { names, stacked: null };
    const expanded = values.flatMap((v, i) => (v.size === 1 ? [names[i]] : Array.from({ length: v.size }, (_, j) => `${names[i]}_${j}`)));
    const stacked = tf.tidy(() => tf.concat(values.map((v) => tf.reshape(tf.cast(v, 'float32'), [-1]))));
    tf.dispose(values);
    return { names: expanded, stacked };
  }

  private static toLogs(names: string[], values: ArrayLike<number>, prefix: string): Logs {
    const logs: Logs = {};
    names.forEach((name, i) => (logs[prefix + name] = values[i]));
    return logs;
  }

  /** One device read for all numbers. */
  async read(prefix = ''): Promise<Logs> {
    const { names, stacked } = this.stacked();
    if (!stacked) return {};
    const values = await stacked.data();
    stacked.dispose();
    return StepLogTracker.toLogs(names, values, prefix);
  }

  /** Synchronous variant, for per-batch numbers a callback asked for. */
  readSync(prefix = ''): Logs {
    const { names, stacked } = this.stacked();
    if (!stacked) return {};
    const values = stacked.dataSync();
    stacked.dispose();
    return StepLogTracker.toLogs(names, values, prefix);
  }

  /** The current results as scalars (evaluate's return value), in log order. */
  scalars(): tf.Scalar[] {
    const { values } = this.results();
    return values.map((v) => {
      if (v.rank === 0) return v as tf.Scalar;
      const scalar = tf.reshape(v, []) as tf.Scalar;
      v.dispose();
      return scalar;
    });
  }

  names(): string[] {
    return this.custom ? [...this.means.keys()] : this.model.namedMetrics().map((m) => m.name);
  }

  dispose(): void {
    for (const mean of this.means.values()) mean.dispose();
    this.means.clear();
  }
}

/** Batch logs read from the device at most once per batch, however many callbacks ask. */
export function batchLogs(index: number, size: number, tracker: StepLogTracker): BatchLogs {
  let cached: Logs | null = null;
  return { batch: index, size, read: () => ({ ...(cached ??= tracker.readSync()) }), keys: () => tracker.names() };
}
