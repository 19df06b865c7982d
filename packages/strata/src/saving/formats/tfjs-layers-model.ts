// The native format: tfjs' layers-model artifacts (model.json topology + binary weights), so
// tfjs-layers loads Strata models and Strata loads tfjs-layers models and the tfjs converter's
// output. Optimizer state travels as extra weights with group 'optimizer' and the compile
// arguments as `trainingConfig`, as tfjs-layers writes them with `includeOptimizer`.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError, ValueError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { Weight } from '../../engine/weight.js';
import { toKerasKeys } from '../keras-case.js';
import { deserialize, type JsonObject, type JsonValue } from '../serialization.js';
import { STRATA_VERSION } from '../../version.js';
import { compileArgsFrom, compileConfigOf, strataOptimizerOf } from './compile-config.js';
import { readKerasTopology } from './keras-topology-read.js';
import { activationsFromLegacyFile, activationsToLegacyFile } from './activation-dialect.js';
import { withKerasNodeOffsets } from './keras-node-offsets.js';
import { optimizerState, restoreOptimizerState } from './optimizer-state.js';
import { decodeWeightData, decodedTensor, describeShapeMismatch, encodeWeightEntries, type DecodedWeight, type Quantization, type WeightEntry } from './weight-codec.js';

export const FORMAT = 'layers-model';

export type ArtifactOptions = {
  /** Also save the optimizer's state and the compile arguments, so training can resume exactly. */
  includeOptimizer?: boolean;
  /** Store float model weights as float16 (half the bytes) or uint8/uint16 (affine). */
  quantize?: Quantization | null;
  /** Written to model.json's `userDefinedMetadata`. */
  metadata?: JsonObject;
};

export type LoadOptions = {
  /** Compile the model from the saved compile arguments, restoring optimizer state (default true). */
  compile?: boolean;
};

const metadataOf = new WeakMap<Model, JsonObject>();

/** The `userDefinedMetadata` a model was loaded with (undefined when it had none). */
export function getUserDefinedMetadata(model: Model): JsonObject | undefined {
  return metadataOf.get(model);
}

/** The model topology as tfjs-layers writes it. */
export function modelTopology(model: Model): JsonObject {
  const topology = withKerasNodeOffsets({
    class_name: model.getClassName(),
    config: activationsToLegacyFile(toKerasKeys(model.getConfig())) as JsonObject,
  });
  return { ...topology, keras_version: `strata ${STRATA_VERSION}`, backend: 'tensor_flow.js' };
}

export async function modelToArtifacts(model: Model, options: ArtifactOptions = {}): Promise<tf.io.ModelArtifacts> {
  const withOptimizer = options.includeOptimizer === true;
  const entries: WeightEntry[] = model.weights.map((w) => ({ name: w.name, tensor: w.read(), ...(withOptimizer ? { group: 'model' as const } : {}) }));
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelTopology(model),
    format: FORMAT,
    generatedBy: `Strata v${STRATA_VERSION}`,
    convertedBy: null,
  };
  if (withOptimizer) {
    const optimizer = strataOptimizerOf(model);
    if (!optimizer) {
      throw new ValueError(`save(): includeOptimizer needs model '${model.name}' compiled with a Strata optimizer (compile({optimizer: 'adam', ...})).`);
    }
    artifacts.trainingConfig = compileConfigOf(model, 'tfjs') as unknown as tf.io.TrainingConfig;
    for (const { name, tensor } of optimizerState(model, optimizer)) entries.push({ name, tensor, group: 'optimizer' });
  }
  if (options.metadata) artifacts.userDefinedMetadata = options.metadata as { [key: string]: {} };
  const { data, specs } = await encodeWeightEntries(entries, options.quantize ?? null);
  artifacts.weightSpecs = specs;
  artifacts.weightData = data;
  return artifacts;
}

function weightBytes(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

export async function artifactsToModel(artifacts: tf.io.ModelArtifacts, source: string, options: LoadOptions = {}): Promise<Model> {
  const topology = artifacts.modelTopology;
  if (!topology || topology instanceof ArrayBuffer) {
    throw new ModelFileError(`${source}: the model has no JSON topology (found ${topology ? 'a binary graph' : 'none'}).`);
  }
  const serialized = readKerasTopology(activationsFromLegacyFile(topology as JsonValue), source, { kerasNestedNodeOffset: true });
  // Decode (and so check) every weight before building anything.
  const decoded = decodeWeightData(weightBytes(artifacts.weightData), artifacts.weightSpecs ?? [], source);
  const model = buildModel(serialized, source);
  try {
    const modelWeights = decoded.filter((w) => w.group !== 'optimizer');
    assignByName(model, modelWeights, source);
    if (artifacts.userDefinedMetadata) metadataOf.set(model, artifacts.userDefinedMetadata as JsonObject);
    if (options.compile !== false && artifacts.trainingConfig) {
      compileFromConfig(model, artifacts.trainingConfig as unknown as JsonObject, `${source}: trainingConfig`);
      const optimizer = strataOptimizerOf(model);
      const state = decoded.filter((w) => w.group === 'optimizer');
      if (optimizer && state.length > 0 && state[0].name === 'iter') {
        // tfjs-core's own layout (iter, then each slot kind for all variables): not Strata's.
        console.warn(`${source}: the optimizer state was saved by tfjs-core (its own layout); it is not restored, so the optimizer starts fresh.`);
      } else if (optimizer && state.length > 0) {
        const tensors = state.map(decodedTensor);
        try {
          restoreOptimizerState(model, optimizer, tensors, source);
        } finally {
          tf.dispose(tensors);
        }
      }
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * Runs `fn` (synchronous, so nothing else runs meanwhile); if it throws, disposes every tfjs
 * variable it created: a topology that fails half-way has already built some layers' weights.
 */
function disposeNewVariablesOnThrow<T>(fn: () => T): T {
  const before = new Set(Object.keys(tf.engine().registeredVariables));
  try {
    return fn();
  } catch (e) {
    for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) if (!before.has(name)) variable.dispose();
    throw e;
  }
}

/** Rebuilds the model from its serialized topology; errors name the file. */
export function buildModel(serialized: { className: string; config: JsonObject }, source: string): Model {
  let model: Model;
  try {
    model = disposeNewVariablesOnThrow(() => deserialize<Model>(serialized, 'model class'));
  } catch (e) {
    if (e instanceof ModelFileError) throw new ModelFileError(`${source}: ${e.message}`);
    throw new ModelFileError(`${source}: cannot rebuild the model: ${(e as Error).message}`);
  }
  if (typeof (model as Partial<Model>).predict !== 'function' || !('weights' in model)) {
    throw new ModelFileError(`${source}: the topology's class '${serialized.className}' is a layer, not a model.`);
  }
  if (!model.built) {
    model.dispose();
    throw new ModelFileError(`${source}: the topology gives no input shape, so its weights cannot be placed.`);
  }
  return model;
}

/** Compiles `model` from saved compile arguments; an unusable configuration leaves it uncompiled with a warning (as Keras does). */
export function compileFromConfig(model: Model, config: JsonObject, where: string): void {
  try {
    disposeNewVariablesOnThrow(() => model.compile(compileArgsFrom(config, where)));
  } catch (e) {
    console.warn(`${where}: the model was loaded but not compiled (${(e as Error).message}). Compile it manually.`);
  }
}

/**
 * Finds the file's value for each model weight: by exact name, else by the unique file name
 * that has the same layer prefix and weight suffix ('lstm/lstm_cell/kernel' for 'lstm/kernel').
 */
function matchWeights(weights: Weight[], decoded: DecodedWeight[], source: string): DecodedWeight[] {
  const byName = new Map(decoded.map((d) => [d.name, d]));
  const used = new Set<string>();
  const matched = weights.map((w) => {
    let found = byName.get(w.name);
    if (!found) {
      const layer = w.name.split('/')[0];
      const leaf = w.name.split('/').pop()!;
      const candidates = decoded.filter((d) => d.name.startsWith(`${layer}/`) && d.name.endsWith(`/${leaf}`) && !weights.some((o) => o.name === d.name));
      if (candidates.length === 1) found = candidates[0];
    }
    if (!found) throw new ModelFileError(`${source}: weight '${w.name}' is missing from the file (it has ${decoded.length} weights: ${decoded.slice(0, 8).map((d) => d.name).join(', ')}${decoded.length > 8 ? ', ...' : ''}).`);
    if (used.has(found.name)) throw new ModelFileError(`${source}: file weight '${found.name}' matches more than one model weight.`);
    used.add(found.name);
    return found;
  });
  const extra = decoded.filter((d) => !used.has(d.name));
  if (extra.length > 0) throw new ModelFileError(`${source}: the file has weights the model does not: ${extra.map((d) => d.name).join(', ')}.`);
  return matched;
}

/** Checks every shape, then writes every weight: never a half-loaded model. */
export function assignValues(weights: Weight[], values: DecodedWeight[], source: string, label: (i: number) => string = (i) => values[i].name): void {
  weights.forEach((w, i) => {
    if (!tf.util.arraysEqual(values[i].shape, w.shape)) throw describeShapeMismatch(source, label(i), values[i].shape, w.shape);
  });
  weights.forEach((w, i) => {
    const t: Tensor = decodedTensor(values[i]);
    try {
      w.write(t);
    } finally {
      t.dispose();
    }
  });
}

function assignByName(model: Model, decoded: DecodedWeight[], source: string): void {
  const weights = model.weights;
  assignValues(weights, matchWeights(weights, decoded, source), source);
}
