// Where each weight of a model lives in Keras' HDF5 weight files.
// Keras 3 (.keras → model.weights.h5, keras/src/saving/saving_lib.py) stores every object's own
// variables under its attribute path: `vars` for the model itself, `layers/<name>/vars` for each
// layer, where <name> is the snake_case class name made unique per container ('dense',
// 'dense_1', ...), `layers/lstm/cell/vars` for a recurrent layer's cell, and `optimizer/vars`.
// Within one `vars` group the datasets are '0', '1', ... in trainable-then-non-trainable order.
// Legacy Keras 2 .h5 (legacy_h5_format.py) stores `model_weights/<layer name>/<weight name>`,
// listed by the layer group's `weight_names` attribute, in the same order.
import type { Layer } from '../../engine/layer.js';
import { Model } from '../../engine/model.js';
import { Sequential } from '../../engine/sequential.js';
import type { Weight } from '../../engine/weight.js';
import { InputLayer } from '../../layers/core/input-layer.js';

/** One HDF5 group of variables and the weights it holds, in dataset order. */
export type VarsGroup = { path: string; weights: Weight[]; layer: Layer | null };

/** keras.src.utils.naming.to_snake_case: 'Conv2D' → 'conv2d', 'SimpleRNN' → 'simple_rnn'. */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Layers whose variables Keras keeps on a `cell` attribute. */
const RNN_CLASSES = new Set(['RNN', 'SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);

/** Keras' legacy weight order: trainable weights first, then the rest (also Keras 3's per-layer order). */
export function legacyWeightOrder(layer: Layer): Weight[] {
  const trainable = layer.trainableWeights;
  const set = new Set(trainable);
  return [...trainable, ...layer.weights.filter((w) => !set.has(w))];
}

/** Own-variable order of a Keras 3 layer: created-trainable, then created-non-trainable. */
function keras3Order(weights: Weight[]): Weight[] {
  return [...weights.filter((w) => w.trainable), ...weights.filter((w) => !w.trainable)];
}

/** The layers Keras lists for a container: Sequential omits its InputLayer, functional models keep theirs. */
export function kerasLayersOf(model: Model): Layer[] {
  return model instanceof Sequential ? model.layers.filter((l) => !(l instanceof InputLayer)) : model.layers;
}

function layerGroups(layer: Layer, prefix: string, out: VarsGroup[]): void {
  if (layer instanceof Model) {
    modelGroups(layer, prefix, out);
    return;
  }
  const className = layer.getClassName();
  if (RNN_CLASSES.has(className)) {
    out.push({ path: `${prefix}vars`, weights: [], layer });
    out.push({ path: `${prefix}cell/vars`, weights: keras3Order(layer.weights), layer });
  } else if (className === 'Bidirectional') {
    const all = keras3Order(layer.weights);
    const half = all.length / 2;
    out.push({ path: `${prefix}vars`, weights: [], layer });
    out.push({ path: `${prefix}forward_layer/cell/vars`, weights: all.slice(0, half), layer });
    out.push({ path: `${prefix}backward_layer/cell/vars`, weights: all.slice(half), layer });
  } else if (className === 'TimeDistributed') {
    out.push({ path: `${prefix}vars`, weights: [], layer });
    out.push({ path: `${prefix}layer/vars`, weights: keras3Order(layer.weights), layer });
  } else {
    out.push({ path: `${prefix}vars`, weights: keras3Order(layer.weights), layer });
  }
}

function modelGroups(model: Model, prefix: string, out: VarsGroup[]): void {
  out.push({ path: `${prefix}vars`, weights: [], layer: model });
  const used = new Map<string, number>();
  for (const layer of kerasLayersOf(model)) {
    const base = kerasSnakeCase(layer.getClassName());
    const count = used.get(base);
    const name = count === undefined ? base : `${base}_${count + 1}`;
    used.set(base, count === undefined ? 0 : count + 1);
    layerGroups(layer, `${prefix}layers/${name}/`, out);
  }
}

/** Every `vars` group of a Keras 3 weights file for `model`, empty ones included (Keras writes them too). */
export function keras3VarsGroups(model: Model): VarsGroup[] {
  const out: VarsGroup[] = [];
  modelGroups(model, '', out);
  return out;
}

/** Legacy .h5: one group per layer of `model.layers` (as Keras lists them), with its weights in legacy order. */
export function legacyLayerGroups(model: Model): { name: string; weights: Weight[] }[] {
  return kerasLayersOf(model).map((layer) => ({ name: layer.name, weights: legacyWeightOrder(layer) }));
}
