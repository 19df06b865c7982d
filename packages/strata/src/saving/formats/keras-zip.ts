// Keras 3's .keras archive (keras/src/saving/saving_lib.py): a zip of config.json (the model,
// serialized with module/class_name/config/registered_name, build_config and compile_config),
// metadata.json, and model.weights.h5, which stores each object's variables under its
// attribute path (see keras-weight-layout.ts) and the optimizer's under optimizer/vars.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError, ValueError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { JsonObject, JsonValue } from '../serialization.js';
import { STRATA_VERSION } from '../../version.js';
import { strataOptimizerOf } from './compile-config.js';
import { childDataset, ensureGroup, groupAt, readHdf5, readNumeric, writeHdf5, writeNumeric, type H5Group } from './hdf5.js';
import { keras3VarsGroups } from './keras-weight-layout.js';
import { readKerasTopology } from './keras-topology-read.js';
import { keras3ModelJson } from './keras3-topology-write.js';
import { optimizerState, restoreOptimizerState } from './optimizer-state.js';
import { assignValues, buildModel, compileFromConfig, type LoadOptions } from './tfjs-layers-model.js';
import type { DecodedWeight } from './weight-codec.js';
import { unzip, zip } from './zip.js';

export const CONFIG_FILE = 'config.json';
export const METADATA_FILE = 'metadata.json';
export const WEIGHTS_FILE = 'model.weights.h5';
/** The Keras version whose .keras layout Strata writes. */
export const KERAS_FORMAT_VERSION = '3.6.0';

export type KerasSaveOptions = { includeOptimizer?: boolean };

async function values(t: Tensor): Promise<Float32Array | Int32Array> {
  const data = await t.data();
  return t.dtype === 'int32' ? Int32Array.from(data as Int32Array) : Float32Array.from(data as Float32Array);
}

export async function modelToKerasZip(model: Model, options: KerasSaveOptions = {}): Promise<Uint8Array> {
  const config = keras3ModelJson(model);
  const metadata = { keras_version: KERAS_FORMAT_VERSION, date_saved: new Date().toISOString().slice(0, 19).replace('T', '@'), generated_by: `Strata v${STRATA_VERSION}` };
  const groups = keras3VarsGroups(model);
  const layerData = await Promise.all(groups.map(async (g) => Promise.all(g.weights.map(async (w) => ({ shape: w.shape, data: await values(w.read()) })))));
  let optimizerData: { shape: number[]; data: Float32Array | Int32Array }[] | null = null;
  if (options.includeOptimizer) {
    const optimizer = strataOptimizerOf(model);
    if (!optimizer) throw new ValueError(`save(): includeOptimizer needs model '${model.name}' compiled with a Strata optimizer.`);
    optimizerData = await Promise.all(optimizerState(model, optimizer).map(async ({ tensor }) => ({ shape: tensor.shape, data: await values(tensor) })));
  }
  const h5 = await writeHdf5((root) => {
    groups.forEach((g, gi) => {
      const group = ensureGroup(root, g.path);
      layerData[gi].forEach((w, i) => writeNumeric(group, String(i), w.data, w.shape));
    });
    if (optimizerData) {
      const group = ensureGroup(root, 'optimizer/vars');
      // Keras keeps the iteration count as int64.
      optimizerData.forEach((w, i) => writeNumeric(group, String(i), w.data, w.shape, { int64: i === 0 }));
    }
  });
  const encode = (v: JsonValue) => new TextEncoder().encode(JSON.stringify(v));
  return zip([
    [METADATA_FILE, encode(metadata)],
    [CONFIG_FILE, encode(config)],
    [WEIGHTS_FILE, h5],
  ]);
}

/** Every dataset path under `group` (bounded depth: Keras nests a few levels only). */
function datasetPaths(group: H5Group, prefix: string, out: string[], depth = 0): string[] {
  if (depth > 12) return out;
  for (const key of group.keys()) {
    const path = prefix ? `${prefix}/${key}` : key;
    if (childDataset(group, key)) out.push(path);
    else {
      const child = groupAt(group, key);
      if (child) datasetPaths(child, path, out, depth + 1);
    }
  }
  return out;
}

function parseJson(bytes: Uint8Array, where: string): JsonValue {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as JsonValue;
  } catch (e) {
    throw new ModelFileError(`${where}: not valid JSON (${(e as Error).message}).`);
  }
}

export async function kerasZipToModel(bytes: Uint8Array, source: string, options: LoadOptions = {}): Promise<Model> {
  const entries = await unzip(bytes, source);
  const configBytes = entries.get(CONFIG_FILE);
  if (!configBytes) throw new ModelFileError(`${source}: the archive has no ${CONFIG_FILE} (entries: ${[...entries.keys()].join(', ') || 'none'}); it is not a Keras 3 .keras file.`);
  const weightsBytes = entries.get(WEIGHTS_FILE);
  if (!weightsBytes) {
    const npz = entries.has('model.weights.npz') ? ' (model.weights.npz, the npz weights format, is not supported)' : '';
    throw new ModelFileError(`${source}: the archive has no ${WEIGHTS_FILE}${npz}.`);
  }
  const config = parseJson(configBytes, `${source}/${CONFIG_FILE}`);
  const serialized = readKerasTopology(config, `${source}/${CONFIG_FILE}`, { kerasNestedNodeOffset: true });
  const model = buildModel(serialized, `${source}/${CONFIG_FILE}`);
  try {
    const where = `${source}/${WEIGHTS_FILE}`;
    const groups = keras3VarsGroups(model).filter((g) => g.weights.length > 0);
    const { layerValues, optimizerValues } = await readHdf5(weightsBytes, where, (root) => {
      const expected = new Set(groups.flatMap((g) => g.weights.map((_, i) => `${g.path}/${i}`)));
      const unexpected = datasetPaths(root, '', []).filter((p) => !expected.has(p) && !p.startsWith('optimizer/'));
      if (unexpected.length > 0) throw new ModelFileError(`${where}: the file has weights the model does not: ${unexpected.slice(0, 10).join(', ')}.`);
      const layerValues = groups.map((g) => {
        const group = groupAt(root, g.path);
        const count = group ? group.keys().length : 0;
        if (!group || count !== g.weights.length) {
          throw new ModelFileError(`${where}: '${g.path}' (layer '${g.layer?.name}') should hold ${g.weights.length} variables, found ${count}.`);
        }
        return g.weights.map((w, i): DecodedWeight => {
          const ds = childDataset(group, String(i));
          if (!ds) throw new ModelFileError(`${where}: '${g.path}/${i}' (weight '${w.name}') is missing or not a dataset.`);
          const n = readNumeric(ds, `${where}: '${g.path}/${i}' (weight '${w.name}')`, w.shape);
          return { name: `${g.path}/${i}`, group: undefined, shape: n.shape, dtype: n.dtype, values: n.values };
        });
      });
      const optimizerGroup = groupAt(root, 'optimizer/vars');
      const optimizerValues = optimizerGroup
        ? optimizerGroup.keys().map((_, i) => {
            const ds = childDataset(optimizerGroup, String(i));
            if (!ds) throw new ModelFileError(`${where}: 'optimizer/vars/${i}' is missing or not a dataset.`);
            return readNumeric(ds, `${where}: 'optimizer/vars/${i}'`);
          })
        : [];
      return { layerValues, optimizerValues };
    });
    groups.forEach((g, gi) => assignValues(g.weights, layerValues[gi], where, (i) => `${g.path}/${i} (${g.weights[i].name})`));
    const compileConfig = (config as JsonObject).compile_config;
    if (options.compile !== false && compileConfig && typeof compileConfig === 'object' && !Array.isArray(compileConfig)) {
      compileFromConfig(model, compileConfig, `${source}/${CONFIG_FILE}: compile_config`);
      const optimizer = strataOptimizerOf(model);
      if (optimizer && optimizerValues.length > 0) {
        const tensors = optimizerValues.map((v) => tf.tensor(v.values, v.shape, v.dtype));
        try {
          restoreOptimizerState(model, optimizer, tensors, `${where}: optimizer/vars`);
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
