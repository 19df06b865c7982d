// Reading and resetting the on-device loss/metric accumulators. One read per call: the values
// are stacked and transferred together.
import { tf } from '../runtime/tf.js';
import type { Logs } from './callbacks/callback.js';
import { trackedMetrics, type CompiledState } from './compile.js';

export function metricNames(compiled: CompiledState): string[] {
  return trackedMetrics(compiled).map((t) => t.name);
}

export function resetMetrics(compiled: CompiledState): void {
  for (const { metric } of trackedMetrics(compiled)) metric.resetState();
}

/** The current results as scalars, in log order (the caller owns them). */
export function metricResults(compiled: CompiledState): tf.Scalar[] {
  return trackedMetrics(compiled).map(({ metric }) => metric.result() as tf.Scalar);
}

function stackedResults(compiled: CompiledState): tf.Tensor1D {
  return tf.tidy(() => tf.stack(metricResults(compiled)) as tf.Tensor1D);
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
