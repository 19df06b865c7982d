// Reads a model topology written by Keras 3 (.keras config.json), Keras 2 / tf.keras (.h5
// model_config), tfjs-layers or the tfjs converter (model.json) into Strata's serialized form.
// The flavours differ in a few places, normalized here to the Keras 2 / tfjs layout that
// Strata's configs use, then keys are turned camelCase:
//   Keras 3 wraps objects as {module, class_name, config, registered_name, build_config};
//   dtypes are DTypePolicy objects; InputLayer has `batch_shape`; functional inbound nodes are
//   {args: [...__keras_tensor__...], kwargs}; input/output_layers may be a bare [name, i, j];
//   Sequential may carry its input shape only in `build_input_shape` / build_config.
import { ModelFileError } from '../../errors.js';
import { fromKerasKeys } from '../keras-case.js';
import type { JsonObject, JsonValue, SerializedObject } from '../serialization.js';
import { dtypeFromPolicy, isSerializedJson, stripKeras3Object } from './keras3-objects.js';

export type TopologyReadOptions = {
  /**
   * Keras numbers the calls of a nested functional model from 1 (node 0 is the model's own
   * input node); Strata numbers them from 0. True for files Keras wrote (.keras, .h5).
   */
  kerasNestedNodeOffset?: boolean;
};

const FUNCTIONAL_NAMES = new Set(['Functional', 'Model']);

function isTensorRef(value: JsonValue | undefined): value is [string, number, number] {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && typeof value[1] === 'number' && typeof value[2] === 'number';
}

/** input_layers / output_layers as a list of [name, node, tensor] (a bare ref or a dict in Keras 3). */
function refList(value: JsonValue | undefined, where: string): JsonValue[] {
  if (isTensorRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap((v) => (isTensorRef(v) ? [v] : refList(v, where)));
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap((v) => (v === undefined ? [] : refList(v, where)));
  throw new ModelFileError(`${where}: input/output layers should be [name, node, tensor] references, found ${JSON.stringify(value)?.slice(0, 100)}.`);
}

/** Every __keras_tensor__ in a Keras 3 node's args, in order, as a Keras 2 reference. */
function kerasTensorRefs(value: JsonValue | undefined, out: JsonValue[], where: string): JsonValue[] {
  if (Array.isArray(value)) {
    for (const v of value) kerasTensorRefs(v, out, where);
  } else if (isSerializedJson(value) && value.class_name === '__keras_tensor__') {
    const history = (value.config as JsonObject | undefined)?.keras_history;
    if (!isTensorRef(history)) throw new ModelFileError(`${where}: a __keras_tensor__ has keras_history ${JSON.stringify(history)}; expected [layer, node, tensor].`);
    out.push([history[0], history[1], history[2], {}]);
  } else if (value !== null && typeof value === 'object' && !isSerializedJson(value)) {
    for (const v of Object.values(value as JsonObject)) kerasTensorRefs(v, out, where);
  }
  return out;
}

function normalizeNode(node: JsonValue, where: string): JsonValue {
  if (Array.isArray(node)) return node; // Keras 2 / tfjs: already a list of references.
  if (node !== null && typeof node === 'object' && 'args' in node) return kerasTensorRefs((node as JsonObject).args, [], where);
  throw new ModelFileError(`${where}: an inbound node should be a list of references or {args, kwargs}, found ${JSON.stringify(node)?.slice(0, 100)}.`);
}

function normalizeFunctional(config: JsonObject, where: string, options: TopologyReadOptions): JsonObject {
  if (!Array.isArray(config.layers)) throw new ModelFileError(`${where}: a functional model config needs a 'layers' list.`);
  const nestedFunctional = new Set<string>();
  const layers = config.layers.map((entry, i) => {
    if (!isSerializedJson(entry)) throw new ModelFileError(`${where}: layer entry ${i} should be {class_name, config}, found ${JSON.stringify(entry)?.slice(0, 100)}.`);
    const name = typeof entry.name === 'string' ? entry.name : (entry.config as JsonObject | undefined)?.name;
    const layerWhere = `${where}, layer '${String(name)}'`;
    if (FUNCTIONAL_NAMES.has(entry.class_name as string) && typeof name === 'string') nestedFunctional.add(name);
    const normalized = normalizeObject(entry, layerWhere, options);
    const nodes = Array.isArray(entry.inbound_nodes) ? entry.inbound_nodes.map((n) => normalizeNode(n, layerWhere)) : [];
    return { ...normalized, name: name ?? null, inbound_nodes: nodes };
  });
  const shift = (ref: JsonValue): JsonValue => {
    if (!options.kerasNestedNodeOffset || !Array.isArray(ref) || !nestedFunctional.has(ref[0] as string)) return ref;
    return [ref[0], (ref[1] as number) - 1, ...ref.slice(2)];
  };
  for (const layer of layers) layer.inbound_nodes = (layer.inbound_nodes as JsonValue[]).map((n) => (Array.isArray(n) ? n.map(shift) : n));
  return {
    ...config,
    layers,
    input_layers: refList(config.input_layers, where).map(shift),
    output_layers: refList(config.output_layers, where).map(shift),
  };
}

function normalizeSequential(config: JsonValue, buildConfig: JsonValue | undefined, where: string, options: TopologyReadOptions): JsonObject {
  // Keras < 2.2.3 wrote a Sequential config as the bare list of layers.
  const c: JsonObject = Array.isArray(config) ? { layers: config } : ((config ?? {}) as JsonObject);
  if (!Array.isArray(c.layers)) throw new ModelFileError(`${where}: a Sequential config needs a 'layers' list.`);
  const layers = c.layers.map((entry, i) => {
    if (!isSerializedJson(entry)) throw new ModelFileError(`${where}: layer entry ${i} should be {class_name, config}, found ${JSON.stringify(entry)?.slice(0, 100)}.`);
    return normalizeObject(entry, `${where}, layer ${i}`, options);
  });
  const first = layers[0] as JsonObject | undefined;
  const inputShape = c.build_input_shape ?? (buildConfig as JsonObject | undefined)?.input_shape;
  if (first && first.class_name !== 'InputLayer' && Array.isArray(inputShape)) {
    const firstConfig = (first.config ?? {}) as JsonObject;
    if (firstConfig.batch_input_shape === undefined) first.config = { ...firstConfig, batch_input_shape: inputShape };
  }
  const out: JsonObject = { ...c, layers };
  delete out.build_input_shape;
  return out;
}

/** Strips Keras 3 wrappers inside a config, turns dtype policies into names and batch_shape into batch_input_shape. */
function normalizeValue(value: JsonValue | undefined, key: string, where: string, options: TopologyReadOptions): JsonValue | undefined {
  if (key === 'dtype') return dtypeFromPolicy(value);
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, '', where, options) ?? null);
  if (isSerializedJson(value)) return normalizeObject(value, where, options);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as JsonObject)) out[k === 'batch_shape' ? 'batch_input_shape' : k] = normalizeValue(v, k, where, options);
    return out;
  }
  return value;
}

function normalizeObject(value: JsonObject, where: string, options: TopologyReadOptions): JsonObject {
  const className = value.class_name as string;
  const stripped = stripKeras3Object(value);
  delete stripped.inbound_nodes;
  if (className === 'Sequential') {
    return { ...stripped, config: normalizeSequential(value.config ?? null, value.build_config, `${where} (Sequential)`, options) };
  }
  if (FUNCTIONAL_NAMES.has(className)) {
    const config = value.config;
    if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new ModelFileError(`${where}: the config of '${className}' should be an object.`);
    return { ...stripped, config: normalizeFunctional(config, `${where} (${className})`, options) };
  }
  return { ...stripped, config: normalizeValue(value.config ?? {}, 'config', where, options) };
}

/**
 * A model topology from any of the supported writers, as Strata's {className, config}. Also
 * accepts the tfjs converter's {model_config, keras_version, backend} wrapper.
 */
export function readKerasTopology(topology: JsonValue | undefined, where: string, options: TopologyReadOptions = {}): SerializedObject {
  let t = topology;
  if (t !== null && typeof t === 'object' && !Array.isArray(t) && t.model_config !== undefined && t.class_name === undefined) t = t.model_config;
  if (!isSerializedJson(t)) throw new ModelFileError(`${where}: the model topology has no 'class_name' (found ${JSON.stringify(t)?.slice(0, 100)}).`);
  const normalized = normalizeObject(t, where, options);
  const camel = fromKerasKeys(normalized) as JsonObject;
  const config = camel.config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ModelFileError(`${where}: the config of '${String(camel.className)}' should be an object.`);
  }
  return { className: camel.className as string, config };
}
