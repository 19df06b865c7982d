// Reading and resetting the on-device loss/metric accumulators. One read per call: the values
// are stacked and transferred together.
import { tf } from '../runtime/tf.js';
import type { Logs } from './callbacks/callback.js';
import type { CompiledState } from './compile.js';

export function metricNames(compiled: CompiledState): string[] {
  return ['loss', ...compiled.metrics.map((m) => m.name)];
}

export function resetMetrics(compiled: CompiledState): void {
  compiled.lossTracker.resetState();
  for (const m of compiled.metrics) m.resetState();
}

function stackedResults(compiled: CompiledState): tf.Tensor1D {
  return tf.tidy(() => tf.stack([compiled.lossTracker.result(), ...compiled.metrics.map((m) => m.result())]) as tf.Tensor1D);
}

function toLogs(compiled: CompiledState, values: ArrayLike<number>, prefix: string): Logs {
  const logs: Logs = {};
  metricNames(compiled).forEach((name, i) => (logs[prefix + name] = values[i]));
  return logs;
}

export async function readMetrics(compiled: CompiledState, prefix = ''): Promise<Logs> {
  const stacked = stackedResults(compiled);
  const values = await stacked.data();
  stacked.dispose();
  return toLogs(compiled, values, prefix);
}

/** Synchronous variant for per-batch logs that a callback asked for. */
export function readMetricsSync(compiled: CompiledState, prefix = ''): Logs {
  const stacked = stackedResults(compiled);
  const values = stacked.dataSync();
  stacked.dispose();
  return toLogs(compiled, values, prefix);
}
