// The functional model's config in the layout Keras 2 and tfjs-layers write: each layer with its
// inbound nodes as [layerName, nodeIndex, tensorIndex, kwargs] references, plus input_layers and
// output_layers. Node indices count only the calls that belong to this model.
import { ModelFileError } from '../errors.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { deserialize, serialize, type JsonObject } from '../saving/serialization.js';
import type { Layer } from './layer.js';
import type { Node, SymbolicTensor } from './symbolic-tensor.js';

type TensorRef = [string, number, number];
type InboundRef = [string, number, number, JsonObject];

export type FunctionalLayerEntry = {
  className: string;
  config: JsonObject;
  name: string;
  inboundNodes: InboundRef[][];
};

export type FunctionalConfig = {
  name: string;
  layers: FunctionalLayerEntry[];
  inputLayers: TensorRef[];
  outputLayers: TensorRef[];
};

/** What functionalConfig needs to know about the model. */
export interface FunctionalGraphView {
  readonly name: string;
  readonly layers: Layer[];
  readonly nodes: Node[];
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
}

export function functionalConfig(model: FunctionalGraphView): FunctionalConfig {
  const nodesOf = new Map<Layer, Node[]>();
  for (const node of model.nodes) {
    const list = nodesOf.get(node.outboundLayer) ?? [];
    list.push(node);
    nodesOf.set(node.outboundLayer, list);
  }
  const localIndex = (t: SymbolicTensor): number => {
    if (t.sourceLayer instanceof InputLayer) return 0;
    return nodesOf.get(t.sourceLayer)!.indexOf(t.sourceLayer.inboundNodes[t.nodeIndex]);
  };
  const ref = (t: SymbolicTensor): TensorRef => [t.sourceLayer.name, localIndex(t), t.tensorIndex];
  const layers = model.layers.map((layer): FunctionalLayerEntry => {
    const serialized = serialize(layer);
    const inboundNodes = (nodesOf.get(layer) ?? []).map((node) =>
      node.inputTensors.map((t): InboundRef => [...ref(t), {}]),
    );
    return { className: serialized.className, config: serialized.config, name: layer.name, inboundNodes };
  });
  return { name: model.name, layers, inputLayers: model.inputs.map(ref), outputLayers: model.outputs.map(ref) };
}

type Pending = { entry: FunctionalLayerEntry; nodeIndex: number; refs: InboundRef[] };

/** Rebuilds the layers and replays their calls, then hands inputs and outputs to `construct`. */
export function functionalFromConfig<M>(
  config: FunctionalConfig,
  construct: (args: { inputs: SymbolicTensor[]; outputs: SymbolicTensor[]; name: string }) => M,
): M {
  const where = `Model '${config.name}'`;
  if (!Array.isArray(config.layers) || !Array.isArray(config.inputLayers) || !Array.isArray(config.outputLayers)) {
    throw new ModelFileError(`${where}: a functional config needs 'layers', 'input_layers' and 'output_layers' lists.`);
  }
  const layers = new Map<string, Layer>();
  const outputs = new Map<string, SymbolicTensor[][]>();
  const pending: Pending[] = [];
  for (const entry of config.layers) {
    const layer = deserialize<Layer>({ className: entry.className, config: { ...entry.config, name: entry.name } }, 'layer');
    layers.set(entry.name, layer);
    outputs.set(entry.name, layer instanceof InputLayer ? [[layer.output]] : []);
    if (!(layer instanceof InputLayer)) {
      (entry.inboundNodes ?? []).forEach((refs, nodeIndex) => pending.push({ entry, nodeIndex, refs }));
    }
  }
  const resolve = ([name, node, tensor]: TensorRef | InboundRef): SymbolicTensor | undefined => outputs.get(name)?.[node]?.[tensor];

  // Replay calls in any order that has their inputs ready (configs list layers, not calls, in order).
  while (pending.length > 0) {
    const ready = pending.findIndex((p) => p.refs.every((r) => resolve(r) !== undefined));
    if (ready < 0) {
      const stuck = pending[0];
      const missing = stuck.refs.filter((r) => resolve(r) === undefined).map((r) => `${r[0]}[${r[1]}][${r[2]}]`);
      throw new ModelFileError(`${where}: layer '${stuck.entry.name}' reads ${missing.join(', ')}, which no layer produces.`);
    }
    const [{ entry, nodeIndex, refs }] = pending.splice(ready, 1);
    const inputs = refs.map((r) => resolve(r)!);
    const layer = layers.get(entry.name)!;
    const out = inputs.length === 1 ? layer.apply(inputs[0]) : layer.apply(inputs);
    outputs.get(entry.name)![nodeIndex] = Array.isArray(out) ? out : [out];
  }
  const tensorsFor = (refs: TensorRef[], what: string): SymbolicTensor[] =>
    refs.map((r) => {
      const t = resolve(r);
      if (!t) throw new ModelFileError(`${where}: ${what} ${r[0]}[${r[1]}][${r[2]}] does not exist.`);
      return t;
    });
  return construct({
    inputs: tensorsFor(config.inputLayers, 'input'),
    outputs: tensorsFor(config.outputLayers, 'output'),
    name: config.name,
  });
}
