// A model defined by a graph of layer calls: `st.model({inputs, outputs})`. Supports several
// inputs and outputs, shared layers (one layer called on several tensors) and models used as
// layers. Executes the graph node by node; masks flow along the edges as in Sequential.
import { tf, type Shape, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { InputLayer } from '../layers/core/input-layer.js';
import type { JsonObject } from '../saving/serialization.js';
import { buildGraph, type ModelGraph } from './graph.js';
import { Layer, type LayerInputs } from './layer.js';
import { Model } from './model.js';
import { SymbolicTensor, type Node } from './symbolic-tensor.js';
import { functionalConfig, functionalFromConfig, type FunctionalConfig } from './functional-config.js';

export type FunctionalArgs = {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
};

export class Functional extends Model {
  static override readonly className = 'Functional';
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  private readonly graph: ModelGraph;

  constructor(args: FunctionalArgs) {
    super({ name: args.name });
    this.inputs = Array.isArray(args.inputs) ? [...args.inputs] : [args.inputs];
    this.outputs = Array.isArray(args.outputs) ? [...args.outputs] : [args.outputs];
    for (const t of [...this.inputs, ...this.outputs]) {
      if (!(t instanceof SymbolicTensor)) {
        throw new ValueError(`model(): inputs and outputs must be symbolic tensors (from st.input() and layer.apply()), found ${typeof t}.`);
      }
    }
    for (const t of this.inputs) {
      if (!(t.sourceLayer instanceof InputLayer)) {
        throw new ValueError(
          `model(): every input must come straight from st.input(); '${t.name}' is the output of layer '${t.sourceLayer.name}'.`,
        );
      }
    }
    this.graph = buildGraph(this.inputs, this.outputs, this.name);
    for (const layer of this.graph.layers) if (!(layer instanceof InputLayer)) this.subLayers.push(layer);
    this.built = true;
  }

  /** All layers, InputLayers included, in graph order (as Keras and tfjs-layers list them). */
  get layers(): Layer[] {
    return [...this.graph.layers];
  }

  get inputShapes(): Shape[] {
    return this.inputs.map((t) => t.shape);
  }

  get outputShapes(): Shape[] {
    return this.outputs.map((t) => t.shape);
  }

  get inputNames(): string[] {
    return this.inputs.map((t) => t.sourceLayer.name);
  }

  get outputNames(): string[] {
    return this.outputs.map((t) => t.sourceLayer.name);
  }

  /** Nodes of this model's graph (for config writing). */
  get nodes(): Node[] {
    return [...this.graph.nodes];
  }

  forward(x: Tensor[], training: boolean): Tensor {
    const outputs = this.forwardAll(x, training);
    if (outputs.length !== 1) {
      throw new ValueError(`Model '${this.name}' has ${outputs.length} outputs; use forwardAll() for all of them.`);
    }
    return outputs[0];
  }

  /** Runs the graph; returns one tensor per model output. */
  override forwardAll(x: Tensor[], training: boolean): Tensor[] {
    if (x.length !== this.inputs.length) {
      throw new ValueError(`Model '${this.name}' takes ${this.inputs.length} input(s), found ${x.length}.`);
    }
    const values = new Map<number, Tensor>();
    const masks = new Map<number, Tensor | null>();
    this.inputs.forEach((t, i) => values.set(t.id, x[i]));
    for (const node of this.graph.nodes) {
      const layer = node.outboundLayer;
      const inputs = node.inputTensors.map((t) => values.get(t.id)!);
      const inputMasks = node.inputTensors.map((t) => masks.get(t.id) ?? null);
      const single = inputs.length === 1;
      const layerInputs: LayerInputs = single ? inputs[0] : inputs;
      const mask = single ? inputMasks[0] : null;
      const out = layer.apply(layerInputs, { training, mask });
      const outList = Array.isArray(out) ? out : [out];
      const outMask = layer.computeMask(layerInputs, mask);
      node.outputTensors.forEach((t, i) => {
        values.set(t.id, outList[i]);
        masks.set(t.id, outMask);
      });
    }
    // An output that is also an input is returned as a copy so callers may dispose it.
    return this.outputs.map((t) => (this.inputs.includes(t) ? tf.clone(values.get(t.id)!) : values.get(t.id)!));
  }

  override call(inputs: LayerInputs, options: { training?: boolean }): Tensor | Tensor[] {
    const outputs = this.forwardAll(Array.isArray(inputs) ? inputs : [inputs], options.training ?? false);
    return outputs.length === 1 ? outputs[0] : outputs;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = this.outputShapes;
    const batch = (Array.isArray(inputShape[0]) ? (inputShape[0] as Shape) : (inputShape as Shape))[0] ?? null;
    const withBatch = shapes.map((s) => [batch, ...s.slice(1)]);
    return withBatch.length === 1 ? withBatch[0] : withBatch;
  }

  override getConfig(): JsonObject {
    return functionalConfig(this);
  }

  static fromConfig(config: JsonObject): Functional {
    return functionalFromConfig(config as FunctionalConfig, (args) => new Functional(args));
  }
}

/** `st.model({inputs, outputs})`, as tfjs-layers' `tf.model`. */
export function model(args: FunctionalArgs): Functional {
  return new Functional(args);
}

export type InputArgs = {
  /** Shape of one sample, without the batch dimension. */
  shape?: Shape;
  batchShape?: Shape;
  batchSize?: number;
  dtype?: tf.DataType;
  name?: string;
};

/** `st.input({shape})`: the symbolic tensor a functional model starts from. */
export function input(args: InputArgs): SymbolicTensor {
  if (!args.shape && !args.batchShape) {
    throw new ValueError('input(): give `shape` (one sample, e.g. [784]) or `batchShape` (e.g. [null, 784]).');
  }
  const layer = new InputLayer({
    name: args.name,
    dtype: args.dtype,
    batchInputShape: args.batchShape ?? [args.batchSize ?? null, ...args.shape!],
  });
  return layer.output;
}
