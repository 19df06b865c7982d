// What the fit / evaluate / predict loops need of a model. Kept as an interface so the loops do
// not depend on the engine; `Model` implements it.
import type { Tensor } from '../runtime/tf.js';
import type { Metric } from '../metrics/metric.js';
import type { CallbackModel } from './callbacks/callback.js';
import type { Batch } from './data-adapter.js';

/**
 * What a custom `trainStep` / `testStep` may return: the batch's numbers by name (scalar tensors
 * or plain numbers). `fit` averages them over the epoch, weighted by batch size, as it does for
 * the compiled loss. Returning nothing reports the model's `metrics` instead.
 */
export type StepLogs = { [name: string]: Tensor | number };

export type NamedMetric = { name: string; metric: Metric };

export interface StepModel extends CallbackModel {
  readonly name: string;
  readonly outputNames: string[];
  /** Batch input shapes, one per input (null while unknown). */
  readonly inputShapes: (number | null)[][] | null;
  trainStep(batch: Batch): StepLogs | void;
  testStep(batch: Batch): StepLogs | void;
  predictStep(x: Tensor[]): Tensor[];
  /** The metrics reported (and reset each epoch) when the steps return no logs, with their log names. */
  namedMetrics(): NamedMetric[];
  assertInputsMatch(x: Tensor[], where: string): void;
  /**
   * Called with the first data before any step: builds an unbuilt model (so its weights exist
   * before the first gradient step) and checks y against the compiled losses when the default
   * step for `phase` will use them.
   */
  checkData(x: Tensor[], y: Tensor[], phase: 'train' | 'test', where: string): void;
}
