// The graph behind a functional model: which layer calls (Nodes) lead from the inputs to the
// outputs, in an order where every node comes after the nodes it reads from.
import { ValueError } from '../errors.js';
import type { Layer } from './layer.js';
import type { Node, SymbolicTensor } from './symbolic-tensor.js';

export type ModelGraph = {
  /** Nodes in execution order (InputLayer nodes excluded). */
  nodes: Node[];
  /** Every layer of the graph, in the order first reached (InputLayers included, as Keras). */
  layers: Layer[];
};

function nodeOf(t: SymbolicTensor): Node {
  return t.sourceLayer.inboundNodes[t.nodeIndex];
}

function isInputNode(node: Node): boolean {
  return node.inputTensors.length === 0;
}

/**
 * Walks back from the outputs to the inputs. Throws if an output depends on a tensor that is not
 * one of `inputs` (a disconnected graph), or if an input is not used by any output.
 */
export function buildGraph(inputs: SymbolicTensor[], outputs: SymbolicTensor[], modelName: string): ModelGraph {
  const inputIds = new Set(inputs.map((t) => t.id));
  const ordered: Node[] = [];
  const visited = new Set<Node>();
  const inProgress = new Set<Node>();
  const reachedInputs = new Set<number>();

  const visit = (tensor: SymbolicTensor, path: string[]): void => {
    if (inputIds.has(tensor.id)) {
      reachedInputs.add(tensor.id);
      return;
    }
    const node = nodeOf(tensor);
    if (visited.has(node)) return;
    if (inProgress.has(node)) throw new ValueError(`Model '${modelName}': the graph has a cycle through layer '${node.outboundLayer.name}'.`);
    if (isInputNode(node)) {
      throw new ValueError(
        `Model '${modelName}': graph disconnected. Output path ${[...path, tensor.sourceLayer.name].reverse().join(' <- ')} ` +
          `reaches input '${tensor.sourceLayer.name}', which is not in the model's inputs (${inputs.map((t) => t.sourceLayer.name).join(', ')}).`,
      );
    }
    inProgress.add(node);
    for (const t of node.inputTensors) visit(t, [...path, node.outboundLayer.name]);
    inProgress.delete(node);
    visited.add(node);
    ordered.push(node);
  };

  for (const output of outputs) visit(output, []);
  const unused = inputs.filter((t) => !reachedInputs.has(t.id));
  if (unused.length > 0) {
    throw new ValueError(
      `Model '${modelName}': input(s) ${unused.map((t) => `'${t.sourceLayer.name}'`).join(', ')} are not connected to any output.`,
    );
  }

  const layers: Layer[] = [];
  const seen = new Set<Layer>();
  const addLayer = (layer: Layer) => {
    if (!seen.has(layer)) {
      seen.add(layer);
      layers.push(layer);
    }
  };
  for (const input of inputs) addLayer(input.sourceLayer);
  for (const node of ordered) addLayer(node.outboundLayer);
  const names = new Map<string, Layer>();
  for (const layer of layers) {
    const other = names.get(layer.name);
    if (other && other !== layer) {
      throw new ValueError(`Model '${modelName}': two different layers are named '${layer.name}'; layer names in a model must be unique.`);
    }
    names.set(layer.name, layer);
  }
  return { nodes: ordered, layers };
}
