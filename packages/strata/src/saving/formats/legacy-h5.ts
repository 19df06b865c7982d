// Legacy Keras .h5 full-model files (Keras 2 / tf.keras, and Keras 3's legacy writer;
// keras/src/legacy/saving/legacy_h5_format.py): root attributes `model_config` (JSON),
// `keras_version`, `backend`, optionally `training_config`; group `model_weights` with attribute
// `layer_names` and one group per layer whose `weight_names` attribute lists its datasets in
// order (trainable first); optionally `optimizer_weights` with its own `weight_names`.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError, ValueError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { JsonObject, JsonValue } from '../serialization.js';
import { compileConfigOf, strataOptimizerOf } from './compile-config.js';
import { childDataset, groupAt, readHdf5, readNumeric, stringAttr, stringListAttr, ensureGroup, writeHdf5, writeNumeric, writeStringListAttr, type H5Group, type NumericArray } from './hdf5.js';
import { legacyLayerGroups } from './keras-weight-layout.js';
import { readKerasTopology } from './keras-topology-read.js';
import { activationsFromLegacyFile, activationsToLegacyFile } from './activation-dialect.js';
import { optimizerKeysToKeras } from './keras3-objects.js';
import { optimizerState, restoreOptimizerState } from './optimizer-state.js';
import { assignValues, buildModel, compileFromConfig, modelTopology, type LoadOptions } from './tfjs-layers-model.js';
import type { DecodedWeight } from './weight-codec.js';

/** The tf.keras version whose .h5 layout Strata writes. */
export const KERAS2_FORMAT_VERSION = '2.15.0';

export type LegacyH5SaveOptions = { includeOptimizer?: boolean };

export async function modelToLegacyH5(model: Model, options: LegacyH5SaveOptions = {}): Promise<Uint8Array> {
  const topology = modelTopology(model);
  const modelConfig = { class_name: topology.class_name, config: topology.config };
  const layers = legacyLayerGroups(model);
  const layerData = await Promise.all(layers.map((l) => Promise.all(l.weights.map(async (w) => ({ name: `${w.name}:0`, shape: w.shape, data: Float32Array.from((await w.read().data()) as Float32Array) })))));
  let trainingConfig: JsonObject | null = null;
  let optimizerData: { name: string; shape: number[]; data: Float32Array | Int32Array }[] = [];
  if (options.includeOptimizer) {
    const optimizer = strataOptimizerOf(model);
    if (!optimizer) throw new ValueError(`save(): includeOptimizer needs model '${model.name}' compiled with a Strata optimizer.`);
    const base = compileConfigOf(model, 'tfjs')!;
    // Keras' optimizers reject tfjs' key spellings (beta1): write Keras' (beta_1).
    const optimizerConfig = base.optimizer_config as JsonObject;
    trainingConfig = {
      ...base,
      optimizer_config: { ...optimizerConfig, config: optimizerKeysToKeras(optimizerConfig.config as JsonObject) },
      weighted_metrics: null,
    };
    optimizerData = await Promise.all(
      optimizerState(model, optimizer).map(async ({ name, tensor }: { name: string; tensor: Tensor }) => ({
        name: `${optimizer.name}/${name}`,
        shape: tensor.shape,
        data: tensor.dtype === 'int32' ? Int32Array.from((await tensor.data()) as Int32Array) : Float32Array.from((await tensor.data()) as Float32Array),
      })),
    );
  }
  return writeHdf5((root) => {
    root.create_attribute('backend', 'tensorflow');
    root.create_attribute('keras_version', KERAS2_FORMAT_VERSION);
    root.create_attribute('model_config', JSON.stringify(activationsToLegacyFile(modelConfig)));
    if (trainingConfig) root.create_attribute('training_config', JSON.stringify(trainingConfig));
    const weightsGroup = root.create_group('model_weights');
    writeStringListAttr(weightsGroup, 'layer_names', layers.map((l) => l.name));
    weightsGroup.create_attribute('backend', 'tensorflow');
    weightsGroup.create_attribute('keras_version', KERAS2_FORMAT_VERSION);
    layers.forEach((layer, li) => {
      const group = weightsGroup.create_group(layer.name);
      writeStringListAttr(group, 'weight_names', layerData[li].map((w) => w.name));
      for (const w of layerData[li]) {
        const slash = w.name.lastIndexOf('/');
        writeNumeric(slash < 0 ? group : ensureGroup(group, w.name.slice(0, slash)), w.name.slice(slash + 1), w.data, w.shape);
      }
    });
    if (optimizerData.length > 0) {
      const group = root.create_group('optimizer_weights');
      writeStringListAttr(group, 'weight_names', optimizerData.map((w) => w.name));
      optimizerData.forEach((w, i) => {
        const slash = w.name.lastIndexOf('/');
        writeNumeric(ensureGroup(group, w.name.slice(0, slash)), w.name.slice(slash + 1), w.data, w.shape, { int64: i === 0 });
      });
    }
  });
}

function parseJsonAttr(root: H5Group, name: string, where: string): JsonObject | null {
  const text = stringAttr(root, name);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as JsonValue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value;
  } catch (e) {
    throw new ModelFileError(`${where}: attribute '${name}' is not a JSON object (${(e as Error).message}).`);
  }
}

function readWeightList(group: H5Group, where: string): { names: string[]; values: NumericArray[] } {
  const names = stringListAttr(group, 'weight_names', where);
  const values = names.map((name) => {
    const ds = childDataset(group, name);
    if (!ds) throw new ModelFileError(`${where}: weight '${name}' is listed in weight_names but has no dataset.`);
    return readNumeric(ds, `${where}: weight '${name}'`);
  });
  return { names, values };
}

export async function legacyH5ToModel(bytes: Uint8Array, source: string, options: LoadOptions = {}): Promise<Model> {
  const { modelConfig, trainingConfig, layerWeights, optimizerWeights } = await readHdf5(bytes, source, (root) => {
    const modelConfig = parseJsonAttr(root, 'model_config', source);
    if (!modelConfig) throw new ModelFileError(`${source}: no 'model_config' attribute; this .h5 holds no model topology (a weights-only file?).`);
    const weightsRoot = groupAt(root, 'model_weights');
    if (!weightsRoot) throw new ModelFileError(`${source}: no 'model_weights' group.`);
    const layerNames = stringListAttr(weightsRoot, 'layer_names', `${source}: model_weights`);
    const layerWeights = new Map<string, { names: string[]; values: NumericArray[] }>();
    for (const name of layerNames) {
      const group = groupAt(weightsRoot, name);
      if (!group) throw new ModelFileError(`${source}: layer '${name}' is listed in layer_names but model_weights has no group for it.`);
      layerWeights.set(name, readWeightList(group, `${source}: model_weights/${name}`));
    }
    const optimizerGroup = groupAt(root, 'optimizer_weights');
    const optimizerWeights = optimizerGroup ? readWeightList(optimizerGroup, `${source}: optimizer_weights`).values : [];
    return { modelConfig, trainingConfig: parseJsonAttr(root, 'training_config', source), layerWeights, optimizerWeights };
  });
  const model = buildModel(
    readKerasTopology(activationsFromLegacyFile(modelConfig), `${source}: model_config`, { kerasNestedNodeOffset: true }),
    source,
  );
  try {
    const groups = legacyLayerGroups(model).filter((g) => g.weights.length > 0);
    const known = new Set(groups.map((g) => g.name));
    const extra = [...layerWeights.entries()].filter(([name, w]) => w.names.length > 0 && !known.has(name)).map(([name]) => name);
    if (extra.length > 0) throw new ModelFileError(`${source}: model_weights has weights for layers the model does not have: ${extra.join(', ')}.`);
    const values = groups.map((g) => {
      const saved = layerWeights.get(g.name);
      if (!saved || saved.values.length !== g.weights.length) {
        throw new ModelFileError(`${source}: layer '${g.name}' expects ${g.weights.length} weights (${g.weights.map((w) => w.name).join(', ')}), the file has ${saved ? saved.values.length : 'none'}.`);
      }
      return saved.values.map((v, i): DecodedWeight => ({ name: saved.names[i], group: undefined, shape: v.shape, dtype: v.dtype, values: v.values }));
    });
    groups.forEach((g, gi) => assignValues(g.weights, values[gi], source, (i) => `model_weights/${g.name}/${values[gi][i].name}`));
    if (options.compile !== false && trainingConfig) {
      compileFromConfig(model, trainingConfig, `${source}: training_config`);
      const optimizer = strataOptimizerOf(model);
      if (optimizer && optimizerWeights.length > 0) restoreLegacyOptimizer(model, optimizerWeights, source);
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

function restoreLegacyOptimizer(model: Model, saved: NumericArray[], source: string): void {
  const optimizer = strataOptimizerOf(model)!;
  const tensors = saved.map((v) => tf.tensor(v.values, v.shape, v.dtype));
  try {
    restoreOptimizerState(model, optimizer, tensors, `${source}: optimizer_weights`);
  } finally {
    tf.dispose(tensors);
  }
}
