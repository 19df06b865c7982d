// Writes a Strata model's topology as Keras 3 writes config.json in a .keras archive
// (keras/src/saving/serialization_lib.py, models/functional.py, models/sequential.py):
// {module, class_name, config, registered_name, build_config[, compile_config]} at every level,
// DTypePolicy objects for dtypes, an explicit InputLayer with `batch_shape` at the head of a
// Sequential, and functional inbound nodes as {args: [__keras_tensor__...], kwargs}.
import type { Shape } from '../../runtime/tf.js';
import type { Layer } from '../../engine/layer.js';
import { Model } from '../../engine/model.js';
import { Sequential } from '../../engine/sequential.js';
import { Functional } from '../../engine/functional.js';
import type { Node, SymbolicTensor } from '../../engine/symbolic-tensor.js';
import { InputLayer } from '../../layers/core/input-layer.js';
import { camelToSnake, toKerasKeys } from '../keras-case.js';
import { serialize, type JsonObject, type JsonValue } from '../serialization.js';
import { dtypePolicy, isSerializedJson } from './keras3-objects.js';
import { compileConfigOf } from './compile-config.js';

/** Keras module of a nested object, from the config key that holds it. */
function moduleForKey(key: string): string | null {
  if (key.endsWith('initializer')) return 'keras.initializers';
  if (key.endsWith('regularizer')) return 'keras.regularizers';
  if (key.endsWith('constraint')) return 'keras.constraints';
  if (['layer', 'cell', 'forward_layer', 'backward_layer'].includes(key)) return 'keras.layers';
  return null;
}

/** Keras 3 names activations in snake_case ('hard_sigmoid' for tfjs' 'hardSigmoid'). */
const ACTIVATION_KEYS = new Set(['activation', 'recurrent_activation']);

/** A layer config (already snake_case) in Keras 3 form: wrapped nested objects, dtype policies, no batch_input_shape. */
function keras3LayerConfig(config: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || key === 'batch_input_shape' || key === 'batch_size') continue;
    if (key === 'dtype' && typeof value === 'string') out[key] = dtypePolicy(value);
    else if (ACTIVATION_KEYS.has(key) && typeof value === 'string') out[key] = camelToSnake(value);
    else out[key] = wrapNested(value, key);
  }
  return out;
}

function wrapNested(value: JsonValue, key: string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => wrapNested(v, key));
  if (!isSerializedJson(value)) return value;
  const module = moduleForKey(key);
  const inner = (value.config ?? {}) as JsonObject;
  const config = module === 'keras.layers' ? keras3LayerConfig(inner) : (Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, v === undefined ? v : wrapNested(v, k)])) as JsonObject);
  return { module, class_name: value.class_name, config, registered_name: null };
}

function buildConfig(shapes: Shape[]): JsonObject {
  return { input_shape: shapes.length === 1 ? shapes[0] : shapes };
}

/** The nodes of `layer` that belong to `model`'s graph (for a Sequential: the first call). */
function nodesIn(model: Model, layer: Layer): Node[] {
  if (model instanceof Functional) {
    const own = new Set(model.nodes);
    return layer.inboundNodes.filter((n) => own.has(n));
  }
  return layer.inboundNodes.slice(0, 1);
}

function keras3Layer(layer: Layer, model: Model): JsonObject {
  const node = nodesIn(model, layer)[0];
  const shapes = node ? node.inputTensors.map((t) => t.shape) : layer.batchInputShape ? [layer.batchInputShape] : [];
  if (layer instanceof Model) return keras3Model(layer, shapes, false);
  if (layer instanceof InputLayer) {
    return {
      module: 'keras.layers',
      class_name: 'InputLayer',
      config: { batch_shape: layer.batchInputShape, dtype: layer.dtype, sparse: false, name: layer.name },
      registered_name: null,
    };
  }
  const s = serialize(layer);
  const out: JsonObject = {
    module: 'keras.layers',
    class_name: s.className,
    config: keras3LayerConfig(toKerasKeys(s.config) as JsonObject),
    registered_name: null,
  };
  if (shapes.length > 0) out.build_config = buildConfig(shapes);
  return out;
}

function kerasTensor(t: SymbolicTensor, ref: [string, number, number]): JsonObject {
  return { class_name: '__keras_tensor__', config: { shape: t.shape, dtype: t.dtype, keras_history: ref } };
}

function functionalConfig(model: Functional): JsonObject {
  // Keras numbers a nested functional model's calls from 1 (node 0 is its own input node).
  const refFor = (t: SymbolicTensor): [string, number, number] => {
    const source = t.sourceLayer;
    const local = source instanceof InputLayer ? 0 : nodesIn(model, source).indexOf(source.inboundNodes[t.nodeIndex]);
    return [source.name, local + (source instanceof Functional ? 1 : 0), t.tensorIndex];
  };
  const layers = model.layers.map((layer) => {
    const entry = keras3Layer(layer, model);
    const nodes = layer instanceof InputLayer ? [] : nodesIn(model, layer).map((node) => {
      const tensors = node.inputTensors.map((t) => kerasTensor(t, refFor(t)));
      return { args: tensors.length === 1 ? tensors : [tensors], kwargs: {} };
    });
    return { ...entry, name: layer.name, inbound_nodes: nodes };
  });
  const refs = (list: SymbolicTensor[]): JsonValue => (list.length === 1 ? refFor(list[0]) : list.map(refFor));
  return { name: model.name, trainable: model.trainable, layers, input_layers: refs(model.inputs), output_layers: refs(model.outputs) };
}

function sequentialConfig(model: Sequential): JsonObject {
  const inputShape = model.inputShapes?.[0] ?? null;
  const layers: JsonValue[] = [];
  const first = model.layers[0];
  if (inputShape) {
    const inputName = first?.inboundNodes[0]?.inputTensors[0]?.sourceLayer.name ?? `${model.name}_input`;
    layers.push({
      module: 'keras.layers',
      class_name: 'InputLayer',
      config: { batch_shape: inputShape, dtype: first?.dtype ?? 'float32', sparse: false, name: inputName },
      registered_name: null,
    });
  }
  for (const layer of model.layers) layers.push(keras3Layer(layer, model));
  const config: JsonObject = { name: model.name, trainable: model.trainable, dtype: dtypePolicy('float32'), layers };
  if (inputShape) config.build_input_shape = inputShape;
  return config;
}

function keras3Model(model: Model, inputShapes: Shape[], withCompile: boolean): JsonObject {
  const isSequential = model instanceof Sequential;
  const out: JsonObject = isSequential
    ? { module: 'keras', class_name: 'Sequential', config: sequentialConfig(model), registered_name: null }
    : {
        module: 'keras.src.models.functional',
        class_name: 'Functional',
        config: functionalConfig(model as Functional),
        registered_name: 'Functional',
      };
  const shapes = inputShapes.length > 0 ? inputShapes : (model.inputShapes ?? []);
  if (shapes.length > 0) out.build_config = buildConfig(shapes);
  if (withCompile) {
    const compile = compileConfigOf(model, 'keras3');
    if (compile) out.compile_config = compile;
  }
  return out;
}

/** config.json of a .keras archive for `model`. */
export function keras3ModelJson(model: Model): JsonObject {
  return keras3Model(model, [], true);
}
