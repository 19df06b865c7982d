// A placeholder for a tensor in a model graph: it has a shape (batch dimension usually null)
// and a dtype but no values. Layers applied to symbolic tensors record Nodes, which is how
// Sequential infers shapes and how the functional API builds its graph.
import type { DataType, Shape } from '../runtime/tf.js';
import type { Layer } from './layer.js';

let symbolicCounter = 0;

export class SymbolicTensor {
  readonly id: number;
  constructor(
    readonly dtype: DataType,
    readonly shape: Shape,
    /** The layer whose output this is. */
    readonly sourceLayer: Layer,
    /** Which call of `sourceLayer` produced it (index into its inboundNodes). */
    readonly nodeIndex: number,
    /** Which of that call's outputs it is. */
    readonly tensorIndex: number,
    readonly name: string,
  ) {
    symbolicCounter += 1;
    this.id = symbolicCounter;
  }

  get rank(): number {
    return this.shape.length;
  }
}

/** One call of a layer on symbolic inputs: the edge list of a model graph. */
export class Node {
  constructor(
    readonly outboundLayer: Layer,
    readonly inputTensors: SymbolicTensor[],
    readonly outputTensors: SymbolicTensor[],
  ) {}

  get inboundLayers(): Layer[] {
    return this.inputTensors.map((t) => t.sourceLayer);
  }
}

export function isSymbolic(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor;
}
