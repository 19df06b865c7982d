// The arguments of fit / fitDataset / evaluate / predict (Keras and tfjs-layers names), checked
// up front, unknown keys included, so that a typo fails before any work is done.
import type { Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import type { Callback } from './callbacks/callback.js';
import type { CustomCallbackArgs } from './callbacks/lambda-callback.js';
import type { ClassWeight } from './class-weight.js';
import type { DataInput } from './data-adapter.js';
import type { BatchSource } from './batch-source.js';
import type { YieldEvery } from './yield-every.js';

export type CallbacksArg = Callback | CustomCallbackArgs | Array<Callback | CustomCallbackArgs>;

/** Validation data: `[x, y]`, `[x, y, sampleWeight]`, or a batch source. */
export type ValidationData = [DataInput, DataInput] | [DataInput, DataInput, Tensor | number[]] | BatchSource;

export type FitArgs = {
  epochs?: number;
  /** Tensor data only: samples per batch (default 32). */
  batchSize?: number;
  /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
  verbose?: 0 | 1 | 2;
  callbacks?: CallbacksArg;
  /** Tensor data only: the fraction of samples, taken from the end, held out for validation. */
  validationSplit?: number;
  validationData?: ValidationData;
  validationBatchSize?: number;
  /** Batches of validation data per validation (default: all). */
  validationSteps?: number;
  /** Validate every n epochs, or after the listed (1-based) epochs, as Keras. */
  validationFreq?: number | number[];
  /** Tensor data only: reshuffle the samples every epoch (default true). */
  shuffle?: boolean;
  initialEpoch?: number;
  /** Batches per epoch. Tensor data is drawn from repeated passes; a source continues across epochs. */
  stepsPerEpoch?: number;
  /** Per-sample weights, shape [samples]. */
  sampleWeight?: Tensor | number[];
  /** Class index → weight, applied through sample weights from the targets (training only). */
  classWeight?: ClassWeight;
  /** How often the loop lets the event loop run (tfjs-layers' option; default 'auto' = every 125 ms). */
  yieldEvery?: YieldEvery;
};

/** tfjs-layers' `fitDataset` arguments. */
export type FitDatasetArgs = {
  epochs?: number;
  batchesPerEpoch?: number;
  verbose?: 0 | 1 | 2;
  callbacks?: CallbacksArg;
  validationData?: ValidationData;
  validationBatchSize?: number;
  validationBatches?: number;
  initialEpoch?: number;
  classWeight?: ClassWeight;
  yieldEvery?: YieldEvery;
};

export type EvaluateArgs = {
  batchSize?: number;
  verbose?: 0 | 1;
  sampleWeight?: Tensor | number[];
  /** Batches to evaluate (default: all). */
  steps?: number;
  /** Called on the test hooks (onTestBegin ...) when evaluating a batch source. */
  callbacks?: CallbacksArg;
};

/** tfjs-layers' `evaluateDataset` arguments. */
export type EvaluateDatasetArgs = { batches?: number; verbose?: 0 | 1; callbacks?: CallbacksArg };

export type PredictArgs = { batchSize?: number; verbose?: 0 | 1; steps?: number; callbacks?: CallbacksArg };

const FIT_KEYS = [
  'epochs', 'batchSize', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'validationBatchSize',
  'validationSteps', 'validationFreq', 'shuffle', 'initialEpoch', 'stepsPerEpoch', 'sampleWeight', 'classWeight', 'yieldEvery',
];

/** Throws a ValueError naming unknown keys of an options object (for JavaScript callers). */
export function checkKeys(where: string, args: object | undefined, known: readonly string[]): void {
  if (args === undefined || args === null) return;
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new ValueError(`${where}: expected an options object, found ${Array.isArray(args) ? 'an array' : typeof args}.`);
  }
  const unknown = Object.keys(args).filter((k) => !known.includes(k) && (args as Record<string, unknown>)[k] !== undefined);
  if (unknown.length > 0) {
    throw new ValueError(`${where}: unknown option(s) ${unknown.map((k) => `'${k}'`).join(', ')}. Known options: ${known.join(', ')}.`);
  }
}

function positiveInt(where: string, name: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw new ValueError(`${where}: ${name} must be a positive integer, found ${JSON.stringify(value)}.`);
  }
  return value as number;
}

export type ResolvedFit = {
  epochs: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  shuffle: boolean;
  initialEpoch: number;
  stepsPerEpoch: number | null;
  validationSteps: number | null;
  validationFreq: number | number[];
  yieldEvery: YieldEvery;
};

export function resolveFitArgs(args: FitArgs, where = 'fit()'): ResolvedFit {
  checkKeys(where, args, FIT_KEYS);
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`${where}: epochs must be a non-negative integer, found ${JSON.stringify(args.epochs)}.`);
  const batchSize = positiveInt(where, 'batchSize', args.batchSize) ?? 32;
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new ValueError(`${where}: initialEpoch must be a non-negative integer, found ${JSON.stringify(args.initialEpoch)}.`);
  if (args.validationSplit !== undefined && args.validationData !== undefined) {
    throw new ValueError(`${where}: give validationSplit or validationData, not both.`);
  }
  if (args.sampleWeight !== undefined && args.classWeight !== undefined) {
    throw new ValueError(`${where}: give sampleWeight or classWeight, not both (Keras rejects the pair too).`);
  }
  const verbose = args.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ValueError(`${where}: verbose must be 0, 1 or 2, found ${JSON.stringify(args.verbose)}.`);
  const freq = args.validationFreq ?? 1;
  const freqOk = Array.isArray(freq) ? freq.every((e) => Number.isInteger(e) && e >= 1) : Number.isInteger(freq) && freq >= 1;
  if (!freqOk) {
    throw new ValueError(`${where}: validationFreq must be a positive integer or a list of 1-based epoch numbers, found ${JSON.stringify(freq)}.`);
  }
  positiveInt(where, 'validationBatchSize', args.validationBatchSize);
  return {
    epochs,
    batchSize,
    verbose,
    shuffle: args.shuffle ?? true,
    initialEpoch,
    stepsPerEpoch: positiveInt(where, 'stepsPerEpoch', args.stepsPerEpoch),
    validationSteps: positiveInt(where, 'validationSteps', args.validationSteps),
    validationFreq: freq,
    yieldEvery: args.yieldEvery ?? 'auto',
  };
}

/** tfjs' fitDataset names → fit's names. */
export function fitDatasetToFitArgs(args: FitDatasetArgs): FitArgs {
  checkKeys('fitDataset()', args, [
    'epochs', 'batchesPerEpoch', 'verbose', 'callbacks', 'validationData', 'validationBatchSize', 'validationBatches',
    'initialEpoch', 'classWeight', 'yieldEvery',
  ]);
  const { batchesPerEpoch, validationBatches, ...rest } = args;
  return { ...rest, stepsPerEpoch: batchesPerEpoch, validationSteps: validationBatches };
}

/** Keras' rule: validate after epoch e (0-based) when (e + 1) is a multiple of freq, or listed. */
export function shouldValidate(epoch: number, freq: number | number[]): boolean {
  return Array.isArray(freq) ? freq.includes(epoch + 1) : (epoch + 1) % freq === 0;
}

export function resolveEvaluateArgs(args: EvaluateArgs, where: string): { batchSize: number; steps: number | null } {
  checkKeys(where, args, ['batchSize', 'verbose', 'sampleWeight', 'steps', 'callbacks']);
  return { batchSize: positiveInt(where, 'batchSize', args.batchSize) ?? 32, steps: positiveInt(where, 'steps', args.steps) };
}

export function resolvePredictArgs(args: PredictArgs, where: string): { batchSize: number; steps: number | null } {
  checkKeys(where, args, ['batchSize', 'verbose', 'steps', 'callbacks']);
  return { batchSize: positiveInt(where, 'batchSize', args.batchSize) ?? 32, steps: positiveInt(where, 'steps', args.steps) };
}
