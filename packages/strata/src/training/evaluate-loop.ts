// evaluate(): the test step over all batches, with the running numbers on the device. Tensor data
// is evaluated synchronously (tfjs' signature); a batch source asynchronously, with test hooks.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { CallbackList, type Logs } from './callbacks/callback.js';
import { standardizeCallbacks } from './callbacks/lambda-callback.js';
import { TensorBatches, disposeBatch, type DataInput } from './data-adapter.js';
import type { BatchSource } from './batch-source.js';
import type { EpochBatches } from './epoch-batches.js';
import { resolveEvaluateArgs, type EvaluateArgs } from './fit-args.js';
import { prepareTensorData, sourceEpochs } from './prepare-data.js';
import { StepLogTracker, batchLogs } from './step-logs.js';
import type { StepModel } from './step-model.js';

/**
 * Runs the test step over one pass and returns the means (names prefixed, e.g. 'val_').
 * Returns {} (with a warning) when the data yields no batches.
 */
export async function runEvaluation(
  model: StepModel,
  batches: EpochBatches,
  tracker: StepLogTracker,
  callbacks: CallbackList | null,
  prefix: string,
  where: string,
): Promise<Logs> {
  tracker.reset();
  await callbacks?.onTestBegin({});
  let index = 0;
  for await (const batch of batches.epoch(false)) {
    try {
      await callbacks?.onTestBatchBegin(index);
      const logs = tf.tidy(() => model.testStep(batch));
      tracker.record(logs, batch.size);
    } finally {
      disposeBatch(batch);
    }
    const i = index;
    await callbacks?.onTestBatchEnd(i, batchLogs(i, batch.size, tracker));
    index++;
  }
  if (index === 0) {
    console.warn(`${where}: the data yielded no batches; no numbers to report. A generator object can be read once: pass a function that returns a new one.`);
    await callbacks?.onTestEnd({});
    return {};
  }
  const logs = await tracker.read();
  await callbacks?.onTestEnd(logs);
  const prefixed: Logs = {};
  for (const [k, v] of Object.entries(logs)) prefixed[prefix + k] = v;
  return prefixed;
}

function asResult(scalars: tf.Scalar[]): tf.Scalar | tf.Scalar[] {
  return scalars.length === 1 ? scalars[0] : scalars;
}

/** evaluate(x, y): synchronous over tensor data, one scalar per number in log order. */
export function evaluateTensors(model: StepModel, x: DataInput, y: DataInput | null | undefined, args: EvaluateArgs = {}): tf.Scalar | tf.Scalar[] {
  const where = 'evaluate()';
  const { batchSize, steps } = resolveEvaluateArgs(args, where);
  if (args.callbacks !== undefined) {
    throw new ValueError(`${where}: callbacks run on a batch source only (evaluate over tensors is synchronous); pass an iterable to use them.`);
  }
  const data = prepareTensorData(model, x, y, args.sampleWeight, 'test', where);
  const tracker = new StepLogTracker(model, 'testStep');
  try {
    const batches = new TensorBatches(data.x, data.y, data.sampleWeight, batchSize);
    tracker.reset();
    let index = 0;
    for (const batch of batches.batches(false)) {
      try {
        const logs = tf.tidy(() => model.testStep(batch));
        tracker.record(logs, batch.size);
      } finally {
        disposeBatch(batch);
      }
      if (steps !== null && ++index >= steps) break;
    }
    return asResult(tracker.scalars());
  } finally {
    tracker.dispose();
    tf.dispose(data.owned);
  }
}

/** evaluate(source) / evaluateDataset(): asynchronous over a batch source. */
export async function evaluateSource(model: StepModel, source: BatchSource<unknown>, args: EvaluateArgs = {}, where = 'evaluate()'): Promise<tf.Scalar | tf.Scalar[]> {
  const { steps } = resolveEvaluateArgs(args, where);
  const tensorOnly = (['batchSize', 'sampleWeight'] as const).filter((k) => args[k] !== undefined);
  if (tensorOnly.length > 0) throw new ValueError(`${where}: ${tensorOnly.join(', ')} apply to tensor data only; a batch source yields whole batches.`);
  const callbacks = new CallbackList(standardizeCallbacks(args.callbacks));
  callbacks.setModel(model);
  const batches = sourceEpochs(model, source, 'test', where, steps);
  const tracker = new StepLogTracker(model, 'testStep');
  try {
    const logs = await runEvaluation(model, batches, tracker, callbacks, '', where);
    if (Object.keys(logs).length === 0) throw new ValueError(`${where}: the data yielded no batches.`);
    return asResult(tracker.scalars());
  } finally {
    tracker.dispose();
    await batches.close();
  }
}

/** Per-batch test step (testOnBatch): the numbers of that batch alone. */
export async function testOnBatchTensors(
  model: StepModel,
  x: DataInput,
  y: DataInput | null | undefined,
  sampleWeight: Tensor | number[] | undefined,
): Promise<number | number[]> {
  const data = prepareTensorData(model, x, y, sampleWeight, 'test', 'testOnBatch()');
  const tracker = new StepLogTracker(model, 'testStep');
  try {
    tracker.reset();
    const batch = { x: data.x, y: data.y, sampleWeight: data.sampleWeight, size: data.x[0].shape[0] };
    tracker.record(tf.tidy(() => model.testStep(batch)), batch.size);
    const values = Object.values(await tracker.read());
    return values.length === 1 ? values[0] : values;
  } finally {
    tracker.dispose();
    tf.dispose(data.owned);
  }
}

/** One train step on one batch (trainOnBatch): the numbers of that batch, before the update. */
export async function trainOnBatchTensors(
  model: StepModel,
  x: DataInput,
  y: DataInput | null | undefined,
  sampleWeight: Tensor | number[] | undefined,
): Promise<number | number[]> {
  const data = prepareTensorData(model, x, y, sampleWeight, 'train', 'trainOnBatch()');
  const tracker = new StepLogTracker(model, 'trainStep');
  try {
    tracker.reset();
    const batch = { x: data.x, y: data.y, sampleWeight: data.sampleWeight, size: data.x[0].shape[0] };
    tracker.record(tf.tidy(() => model.trainStep(batch)), batch.size);
    const values = Object.values(await tracker.read());
    return values.length === 1 ? values[0] : values;
  } finally {
    tracker.dispose();
    tf.dispose(data.owned);
  }
}
