// The epoch loop of `fit`: batches, train steps, callbacks, validation. Loss and metrics stay
// on the device and are read once per epoch (or when a callback asks for batch numbers).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { Callback, CallbackList, type BatchLogs, type CallbackModel, type Logs } from './callbacks/callback.js';
import { History } from './callbacks/history.js';
import { ProgressBar } from './callbacks/progress-bar.js';
import type { CompiledState } from './compile.js';
import {
  TensorBatches,
  assertSameSampleCount,
  disposeBatch,
  splitForValidation,
  toTensorList,
  type DataInput,
} from './data-adapter.js';
import { metricNames, readMetrics, readMetricsSync, resetMetrics } from './metric-state.js';
import { assertTargetsMatch, testStep, trainStep, type TrainableModel } from './train-step.js';

export type FitArgs = {
  epochs?: number;
  batchSize?: number;
  /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
  verbose?: 0 | 1 | 2;
  callbacks?: Callback[];
  validationSplit?: number;
  validationData?: [DataInput, DataInput] | [DataInput, DataInput, Tensor];
  validationBatchSize?: number;
  shuffle?: boolean;
  initialEpoch?: number;
  /** Per-sample weights, shape [samples]. */
  sampleWeight?: Tensor;
};

/** What fit needs of a model beyond the train step. */
export interface FittableModel extends TrainableModel, CallbackModel {
  /** Throws a clear error if the inputs do not match the model's input shapes. */
  assertInputsMatch(x: Tensor[], where: string): void;
}

type PreparedData = { x: Tensor[]; y: Tensor[]; sampleWeight: Tensor | null; owned: Tensor[] };

/** Converts and checks the data; on error, frees whatever it converted. */
export function prepareData(
  model: FittableModel,
  compiled: CompiledState,
  x: DataInput,
  y: DataInput,
  sampleWeight: Tensor | null,
  where: string,
): PreparedData {
  const owned: Tensor[] = [];
  try {
    const xs = toTensorList(x, `${where}: x`);
    owned.push(...xs.owned);
    const ys = toTensorList(y, `${where}: y`);
    owned.push(...ys.owned);
    const groups: Record<string, Tensor[]> = { x: xs.tensors, y: ys.tensors };
    if (sampleWeight) groups.sampleWeight = [sampleWeight];
    assertSameSampleCount(groups, where);
    model.assertInputsMatch(xs.tensors, where);
    assertTargetsMatch(model, compiled, xs.tensors, ys.tensors);
    return { x: xs.tensors, y: ys.tensors, sampleWeight, owned };
  } catch (e) {
    tf.dispose(owned);
    throw e;
  }
}

function validateFitArgs(args: FitArgs): Required<Pick<FitArgs, 'epochs' | 'batchSize' | 'verbose' | 'shuffle' | 'initialEpoch'>> {
  const epochs = args.epochs ?? 1;
  const batchSize = args.batchSize ?? 32;
  const initialEpoch = args.initialEpoch ?? 0;
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`fit(): epochs must be a non-negative integer, found ${JSON.stringify(args.epochs)}.`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`fit(): batchSize must be a positive integer, found ${JSON.stringify(args.batchSize)}.`);
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new ValueError(`fit(): initialEpoch must be a non-negative integer, found ${JSON.stringify(args.initialEpoch)}.`);
  if (args.validationSplit !== undefined && args.validationData !== undefined) {
    throw new ValueError('fit(): give validationSplit or validationData, not both.');
  }
  const verbose = args.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ValueError(`fit(): verbose must be 0, 1 or 2, found ${JSON.stringify(args.verbose)}.`);
  return { epochs, batchSize, verbose, shuffle: args.shuffle ?? true, initialEpoch };
}

export async function runFit(
  model: FittableModel,
  compiled: CompiledState,
  x: DataInput,
  y: DataInput,
  args: FitArgs = {},
): Promise<History> {
  const options = validateFitArgs(args);
  const data = prepareData(model, compiled, x, y, args.sampleWeight ?? null, 'fit()');
  const owned: Tensor[] = [...data.owned];
  try {
    return await fitPrepared(model, compiled, data, owned, args, options);
  } finally {
    tf.dispose(owned);
  }
}

async function fitPrepared(
  model: FittableModel,
  compiled: CompiledState,
  data: PreparedData,
  owned: Tensor[],
  args: FitArgs,
  options: ReturnType<typeof validateFitArgs>,
): Promise<History> {
  let train = data;
  let validation: PreparedData | null = null;
  if (args.validationSplit !== undefined) {
    const all = [...data.x, ...data.y, ...(data.sampleWeight ? [data.sampleWeight] : [])];
    const { train: t, validation: v } = splitForValidation(all, args.validationSplit);
    owned.push(...t, ...v);
    const nx = data.x.length;
    const ny = data.y.length;
    const sw = (list: Tensor[]) => (data.sampleWeight ? list[nx + ny] : null);
    train = { x: t.slice(0, nx), y: t.slice(nx, nx + ny), sampleWeight: sw(t), owned: [] };
    validation = { x: v.slice(0, nx), y: v.slice(nx, nx + ny), sampleWeight: sw(v), owned: [] };
  } else if (args.validationData) {
    const [vx, vy, vw] = args.validationData;
    validation = prepareData(model, compiled, vx, vy, vw ?? null, 'fit(): validationData');
    owned.push(...validation.owned);
  }

  const batches = new TensorBatches(train.x, train.y, train.sampleWeight, options.batchSize);
  const validationBatches = validation
    ? new TensorBatches(validation.x, validation.y, validation.sampleWeight, args.validationBatchSize ?? options.batchSize)
    : null;
  const history = new History();
  const names = metricNames(compiled);
  const callbacks = new CallbackList([
    history,
    ...(options.verbose > 0 ? [new ProgressBar({ mode: options.verbose === 1 ? 'bar' : 'epoch-lines' })] : []),
    ...(args.callbacks ?? []),
  ]);
  callbacks.setModel(model);
  callbacks.setParams({
    epochs: options.epochs,
    initialEpoch: options.initialEpoch,
    steps: batches.numBatches,
    samples: batches.numSamples,
    batchSize: options.batchSize,
    verbose: options.verbose,
    metrics: [...names, ...(validation ? names.map((n) => `val_${n}`) : [])],
  });

  model.stopTraining = false;
  await callbacks.onTrainBegin();
  for (let epoch = options.initialEpoch; epoch < options.epochs && !model.stopTraining; epoch++) {
    await callbacks.onEpochBegin(epoch);
    await runTrainingEpoch(model, compiled, batches, options.shuffle, callbacks);
    const epochLogs: Logs = await readMetrics(compiled);
    if (validationBatches) Object.assign(epochLogs, await runEvaluationLoop(model, compiled, validationBatches, 'val_'));
    await callbacks.onEpochEnd(epoch, epochLogs);
  }
  await callbacks.onTrainEnd();
  return history;
}

/** One pass over the training batches; the running means stay on the device. */
async function runTrainingEpoch(
  model: FittableModel,
  compiled: CompiledState,
  batches: TensorBatches,
  shuffle: boolean,
  callbacks: CallbackList,
): Promise<void> {
  resetMetrics(compiled);
  let batchIndex = 0;
  for (const batch of batches.batches(shuffle)) {
    await callbacks.onBatchBegin(batchIndex);
    try {
      trainStep(model, compiled, batch);
    } finally {
      disposeBatch(batch);
    }
    const logs: BatchLogs = { batch: batchIndex, size: batch.size, read: () => readMetricsSync(compiled) };
    await callbacks.onBatchEnd(batchIndex, logs);
    batchIndex++;
    if (model.stopTraining) break;
  }
}

/** Runs the test step over all batches and returns the means (prefixed, e.g. 'val_'). */
export async function runEvaluationLoop(
  model: TrainableModel,
  compiled: CompiledState,
  batches: TensorBatches,
  prefix = '',
): Promise<Logs> {
  resetMetrics(compiled);
  for (const batch of batches.batches(false)) {
    try {
      testStep(model, compiled, batch);
    } finally {
      disposeBatch(batch);
    }
  }
  return readMetrics(compiled, prefix);
}

export type EvaluateArgs = { batchSize?: number; verbose?: 0 | 1; sampleWeight?: Tensor };
