// The epoch loop of `fit`: batches, train steps, callbacks, validation. Loss and metrics stay
// on the device and are read once per epoch (or when a callback asks for batch numbers).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { Callback, CallbackList, type Logs } from './callbacks/callback.js';
import { History } from './callbacks/history.js';
import { ProgressBar } from './callbacks/progress-bar.js';
import { standardizeCallbacks } from './callbacks/lambda-callback.js';
import { disposeBatch, type Batch } from './data-adapter.js';
import type { EpochBatches } from './epoch-batches.js';
import { resolveFitArgs, shouldValidate, type FitArgs, type ResolvedFit } from './fit-args.js';
import { prepareFitData, type FitInput } from './prepare-data.js';
import { StepLogTracker, batchLogs } from './step-logs.js';
import type { StepModel } from './step-model.js';
import { Yielder } from './yield-every.js';
import { runEvaluation } from './evaluate-loop.js';

// The entry point has long imported these from here.
export type { FitArgs, EvaluateArgs } from './fit-args.js';

export async function fitModel(model: StepModel, input: FitInput, args: FitArgs = {}, where = 'fit()'): Promise<History> {
  const options = resolveFitArgs(args, where);
  const userCallbacks = standardizeCallbacks(args.callbacks);
  const owned: Tensor[] = [];
  let data: { train: EpochBatches; validation: EpochBatches | null } | null = null;
  try {
    data = prepareFitData(model, input, args, options, owned, where);
    return await runFitLoop(model, data.train, data.validation, options, userCallbacks, where);
  } finally {
    await data?.train.close();
    await data?.validation?.close();
    tf.dispose(owned);
  }
}

async function runFitLoop(
  model: StepModel,
  train: EpochBatches,
  validation: EpochBatches | null,
  options: ResolvedFit,
  userCallbacks: Callback[],
  where: string,
): Promise<History> {
  const history = new History();
  // Keras' order: progress bar first, History last (so it records what callbacks add to logs).
  const progress = options.verbose > 0 ? [new ProgressBar({ mode: options.verbose === 1 ? 'bar' : 'epoch-lines' })] : [];
  const callbacks = new CallbackList([...progress, ...userCallbacks, history]);
  const tracker = new StepLogTracker(model, 'trainStep');
  const valTracker = new StepLogTracker(model, 'testStep');
  const yielder = new Yielder(options.yieldEvery);
  try {
    callbacks.setModel(model);
    const names = tracker.names();
    callbacks.setParams({
      epochs: options.epochs,
      initialEpoch: options.initialEpoch,
      steps: train.steps,
      samples: train.samples,
      batchSize: train.batchSize,
      verbose: options.verbose,
      metrics: [...names, ...(validation ? names.map((n) => `val_${n}`) : [])],
    });
    model.stopTraining = false;
    await callbacks.onTrainBegin({});
    let lastLogs: Logs = {};
    for (let epoch = options.initialEpoch; epoch < options.epochs && !model.stopTraining; epoch++) {
      const batches = train.epoch(options.shuffle);
      const first = await batches.next();
      if (first.done) {
        if (epoch === options.initialEpoch) throw new ValueError(`${where}: the training data yielded no batches.`);
        console.warn(
          `${where}: the training data ran out after epoch ${epoch}; stopping. A generator object can be read once: pass a function that returns a new one per epoch, or set stepsPerEpoch.`,
        );
        break;
      }
      try {
        await callbacks.onEpochBegin(epoch, {});
      } catch (e) {
        disposeBatch(first.value);
        await batches.return(undefined);
        throw e;
      }
      await runTrainingEpoch(model, first.value, batches, tracker, callbacks, yielder, epoch);
      const logs = await tracker.read();
      if (validation && shouldValidate(epoch, options.validationFreq)) {
        Object.assign(logs, await runEvaluation(model, validation, valTracker, callbacks, 'val_', `${where}: validationData`));
      }
      await callbacks.onEpochEnd(epoch, logs);
      lastLogs = logs;
      if (train.ranOut && !model.stopTraining) {
        console.warn(
          `${where}: the data ran out during epoch ${epoch + 1} (before stepsPerEpoch = ${train.steps} batches); stopping. ` +
            `Make sure it can give stepsPerEpoch × epochs batches.`,
        );
        model.stopTraining = true;
      }
      await yielder.afterEpoch();
    }
    await callbacks.onTrainEnd(lastLogs);
    return history;
  } finally {
    tracker.dispose();
    valTracker.dispose();
  }
}

/** One pass over the training batches; the running means stay on the device. */
async function runTrainingEpoch(
  model: StepModel,
  first: Batch,
  rest: AsyncGenerator<Batch>,
  tracker: StepLogTracker,
  callbacks: CallbackList,
  yielder: Yielder,
  epoch: number,
): Promise<void> {
  tracker.reset();
  let batch: Batch = first;
  let index = 0;
  try {
    for (;;) {
      const current = batch;
      try {
        await callbacks.onBatchBegin(index);
        const logs = tf.tidy(() => model.trainStep(current));
        tracker.record(logs, current.size);
      } finally {
        disposeBatch(current);
      }
      const logs = batchLogs(index, current.size, tracker);
      await callbacks.onBatchEnd(index, logs);
      if (await yielder.afterBatch()) await callbacks.onYield(epoch, index, logs);
      index++;
      if (model.stopTraining) break;
      const next = await rest.next();
      if (next.done) return;
      batch = next.value;
    }
  } finally {
    // Ends the epoch's generator (and a source's pass) when we leave early.
    await rest.return(undefined);
  }
}
