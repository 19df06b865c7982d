// predict(): batched inference, over tensors (synchronous, tfjs' signature) or a batch source
// (asynchronous). Outputs of all batches are concatenated along the batch axis.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { CallbackList } from './callbacks/callback.js';
import { standardizeCallbacks } from './callbacks/lambda-callback.js';
import { TensorBatches, disposeBatch, toTensorList, type DataInput } from './data-adapter.js';
import { disposeElement, elementToBatch, openPass, type BatchSource } from './batch-source.js';
import { resolvePredictArgs, type PredictArgs } from './fit-args.js';
import { elementNames } from './prepare-data.js';
import type { StepModel } from './step-model.js';

/** Joins per-batch outputs; one tensor per model output. */
function concatOutputs(perBatch: Tensor[][]): Tensor | Tensor[] {
  const outputs = perBatch[0].map((_, i) => {
    if (perBatch.length === 1) return perBatch[0][i];
    const joined = tf.concat(perBatch.map((b) => b[i]), 0);
    tf.dispose(perBatch.map((b) => b[i]));
    return joined;
  });
  return outputs.length === 1 ? outputs[0] : outputs;
}

export function predictTensors(model: StepModel, x: DataInput, args: PredictArgs = {}): Tensor | Tensor[] {
  const where = 'predict()';
  const { batchSize, steps } = resolvePredictArgs(args, where);
  if (args.callbacks !== undefined) {
    throw new ValueError(`${where}: callbacks run on a batch source only (predict over tensors is synchronous); pass an iterable to use them.`);
  }
  const xs = toTensorList(x, `${where}: x`);
  const perBatch: Tensor[][] = [];
  try {
    model.assertInputsMatch(xs.tensors, where);
    const batches = new TensorBatches(xs.tensors, [], null, batchSize);
    for (const batch of batches.batches(false)) {
      try {
        perBatch.push(tf.tidy(() => model.predictStep(batch.x)));
      } finally {
        disposeBatch(batch);
      }
      if (steps !== null && perBatch.length >= steps) break;
    }
    // No samples: the outputs have no rows (as Keras returns), shaped by one step on the empty input.
    if (perBatch.length === 0) perBatch.push(tf.tidy(() => model.predictStep(xs.tensors)));
    return concatOutputs(perBatch);
  } catch (e) {
    tf.dispose(perBatch.flat());
    throw e;
  } finally {
    tf.dispose(xs.owned);
  }
}

/** The inputs of a predict element: a tensor, a list with one tensor per input, {xs, ys?}, or [xs, ys]. */
function elementInputs(model: StepModel, element: unknown, where: string): Tensor[] {
  const numInputs = model.inputShapes?.length ?? 1;
  let normalized: unknown = element;
  if (element instanceof tf.Tensor) normalized = { xs: element };
  else if (Array.isArray(element) && element.every((e) => e instanceof tf.Tensor) && element.length === numInputs && numInputs > 1) {
    normalized = { xs: element };
  } else if (Array.isArray(element) && element.length === 1) {
    normalized = { xs: element[0] };
  }
  const batch = elementToBatch(normalized, elementNames(model), where, false);
  // Targets and weights are not used for prediction.
  tf.dispose([...batch.y, ...(batch.sampleWeight ? [batch.sampleWeight] : [])]);
  return batch.x;
}

export async function predictSource(model: StepModel, source: BatchSource<unknown>, args: PredictArgs = {}): Promise<Tensor | Tensor[]> {
  const where = 'predict()';
  const { steps } = resolvePredictArgs(args, where);
  if (args.batchSize !== undefined) throw new ValueError(`${where}: batchSize applies to tensor data only; a batch source yields whole batches.`);
  const callbacks = new CallbackList(standardizeCallbacks(args.callbacks));
  callbacks.setModel(model);
  const pass = await openPass(source, where);
  const perBatch: Tensor[][] = [];
  try {
    await callbacks.onPredictBegin();
    for (let index = 0; steps === null || index < steps; index++) {
      const next = await pass.next();
      if (next.done) break;
      await callbacks.onPredictBatchBegin(index);
      let x: Tensor[];
      try {
        x = elementInputs(model, next.value, `${where} (batch ${index})`);
        model.assertInputsMatch(x, where);
      } catch (e) {
        disposeElement(next.value);
        throw e;
      }
      try {
        perBatch.push(tf.tidy(() => model.predictStep(x)));
      } finally {
        tf.dispose(x);
      }
      await callbacks.onPredictBatchEnd(index, x[0].shape[0]);
    }
    if (perBatch.length === 0) throw new ValueError(`${where}: the data yielded no batches.`);
    await callbacks.onPredictEnd();
    return concatOutputs(perBatch);
  } catch (e) {
    tf.dispose(perBatch.flat());
    throw e;
  } finally {
    await pass.close();
  }
}
