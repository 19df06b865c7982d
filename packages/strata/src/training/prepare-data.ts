// Turns what fit / evaluate were given (tensors, arrays, batch sources, validation options) into
// per-epoch batches, checking everything that can be checked before the first step.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { TensorBatches, assertSameSampleCount, splitForValidation, toTensorList, type DataInput } from './data-adapter.js';
import { isBatchSource, type BatchSource, type ElementNames } from './batch-source.js';
import { classWeightVector, classWeightsToSampleWeights } from './class-weight.js';
import { SourceEpochs, TensorEpochs, type EpochBatches } from './epoch-batches.js';
import type { FitArgs, ResolvedFit } from './fit-args.js';
import type { StepModel } from './step-model.js';

export type Phase = 'train' | 'test';

export type PreparedData = { x: Tensor[]; y: Tensor[]; sampleWeight: Tensor | null; owned: Tensor[] };

/** Data for fit: a batch source, or x and (optional) y tensors. */
export type FitInput = { source: BatchSource<unknown> } | { x: DataInput; y: DataInput | null | undefined };

export function elementNames(model: StepModel): ElementNames {
  const inputs = (model as { inputNames?: unknown }).inputNames;
  return { inputs: Array.isArray(inputs) ? (inputs as string[]) : null, outputs: model.outputNames };
}

/** Converts and checks tensor data; on error, frees whatever it converted. */
export function prepareTensorData(
  model: StepModel,
  x: DataInput,
  y: DataInput | null | undefined,
  sampleWeight: Tensor | number[] | null | undefined,
  phase: Phase,
  where: string,
): PreparedData {
  const owned: Tensor[] = [];
  try {
    const xs = toTensorList(x, `${where}: x`);
    owned.push(...xs.owned);
    let ys: Tensor[] = [];
    if (y !== undefined && y !== null) {
      const converted = toTensorList(y, `${where}: y`);
      owned.push(...converted.owned);
      ys = converted.tensors;
    }
    let sw: Tensor | null = null;
    if (sampleWeight !== undefined && sampleWeight !== null) {
      const converted = toTensorList(sampleWeight, `${where}: sampleWeight`);
      owned.push(...converted.owned);
      if (converted.tensors.length !== 1) throw new ValueError(`${where}: sampleWeight must be one tensor of shape [samples], found ${converted.tensors.length}.`);
      sw = converted.tensors[0];
    }
    const groups: Record<string, Tensor[]> = { x: xs.tensors, y: ys };
    if (sw) groups.sampleWeight = [sw];
    assertSameSampleCount(groups, where);
    model.assertInputsMatch(xs.tensors, where);
    model.checkData(xs.tensors, ys, phase, where);
    return { x: xs.tensors, y: ys, sampleWeight: sw, owned };
  } catch (e) {
    tf.dispose(owned);
    throw e;
  }
}

/** A source's batches with the model's checks: inputs on every batch, targets on the first. */
export function sourceEpochs(
  model: StepModel,
  source: BatchSource<unknown>,
  phase: Phase,
  where: string,
  steps: number | null,
  classWeights: number[] | null = null,
): SourceEpochs {
  return new SourceEpochs(source, {
    names: elementNames(model),
    where,
    needTargets: false,
    steps,
    mode: phase === 'train' ? 'stream' : 'first',
    classWeights,
    inspect: (batch, index) => {
      model.assertInputsMatch(batch.x, where);
      if (index === 0) model.checkData(batch.x, batch.y, phase, where);
    },
  });
}

function rejectForSources(args: FitArgs, where: string): void {
  const tensorOnly = (['batchSize', 'validationSplit', 'sampleWeight', 'shuffle'] as const).filter((k) => args[k] !== undefined);
  if (tensorOnly.length > 0) {
    throw new ValueError(
      `${where}: ${tensorOnly.join(', ')} appl${tensorOnly.length > 1 ? 'y' : 'ies'} to tensor data only; a batch source yields whole batches (with their own sample weights).`,
    );
  }
}

/** Training and validation batches for fit. Tensors made here are added to `owned`. */
export function prepareFitData(
  model: StepModel,
  input: FitInput,
  args: FitArgs,
  options: ResolvedFit,
  owned: Tensor[],
  where: string,
): { train: EpochBatches; validation: EpochBatches | null } {
  const classWeights = args.classWeight === undefined ? null : classWeightVector(args.classWeight, where);
  let train: EpochBatches;
  let validationTensors: PreparedData | null = null;
  if ('source' in input) {
    rejectForSources(args, where);
    train = sourceEpochs(model, input.source, 'train', where, options.stepsPerEpoch, classWeights);
  } else {
    const data = prepareTensorData(model, input.x, input.y, args.sampleWeight, 'train', where);
    owned.push(...data.owned);
    let sampleWeight = data.sampleWeight;
    if (classWeights) {
      if (data.y.length !== 1) throw new ValueError(`${where}: classWeight is only supported for models with a single output (found ${data.y.length} target arrays).`);
      sampleWeight = classWeightsToSampleWeights(data.y[0], classWeights, where);
      owned.push(sampleWeight);
    }
    let trainData: PreparedData = { ...data, sampleWeight };
    if (args.validationSplit !== undefined) {
      const all = [...data.x, ...data.y, ...(sampleWeight ? [sampleWeight] : [])];
      const { train: t, validation: v } = splitForValidation(all, args.validationSplit);
      owned.push(...t, ...v);
      const nx = data.x.length;
      const ny = data.y.length;
      const sw = (list: Tensor[]) => (sampleWeight ? list[nx + ny] : null);
      trainData = { x: t.slice(0, nx), y: t.slice(nx, nx + ny), sampleWeight: sw(t), owned: [] };
      // Keras: class weights apply to training only.
      validationTensors = { x: v.slice(0, nx), y: v.slice(nx, nx + ny), sampleWeight: classWeights ? null : sw(v), owned: [] };
    }
    train = new TensorEpochs(
      new TensorBatches(trainData.x, trainData.y, trainData.sampleWeight, options.batchSize),
      options.stepsPerEpoch,
      'stream',
    );
  }
  const validation = prepareValidation(model, args, options, validationTensors, owned, where);
  return { train, validation };
}

function prepareValidation(
  model: StepModel,
  args: FitArgs,
  options: ResolvedFit,
  split: PreparedData | null,
  owned: Tensor[],
  where: string,
): EpochBatches | null {
  const vd = args.validationData;
  const batchSize = args.validationBatchSize ?? options.batchSize;
  let data = split;
  if (vd !== undefined && vd !== null) {
    if (isBatchSource(vd)) return sourceEpochs(model, vd, 'test', `${where}: validationData`, options.validationSteps);
    if (!Array.isArray(vd) || vd.length < 2 || vd.length > 3) {
      throw new ValueError(`${where}: validationData must be [x, y], [x, y, sampleWeight] or a batch source, found ${Array.isArray(vd) ? `an array of length ${vd.length}` : typeof vd}.`);
    }
    const [vx, vy, vw] = vd as [DataInput, DataInput, (Tensor | number[])?];
    data = prepareTensorData(model, vx, vy, vw ?? null, 'test', `${where}: validationData`);
    owned.push(...data.owned);
  }
  if (!data) return null;
  return new TensorEpochs(new TensorBatches(data.x, data.y, data.sampleWeight, batchSize), options.validationSteps, 'first');
}
