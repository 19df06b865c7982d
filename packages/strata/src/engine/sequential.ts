// Sequential: a linear stack of single-input, single-output layers.
import { tf, type Shape, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { deserialize, serialize, type JsonObject, type SerializedObject } from '../saving/serialization.js';
import { Layer } from './layer.js';
import { Model } from './model.js';
import { SymbolicTensor } from './symbolic-tensor.js';

export type SequentialArgs = { layers?: Layer[]; name?: string };
export type SequentialConfig = { name: string; layers: SerializedObject[] };

export class Sequential extends Model {
  static override readonly className = 'Sequential';
  private readonly stack: Layer[] = [];
  private input: InputLayer | null = null;
  private output: SymbolicTensor | null = null;

  constructor(args: SequentialArgs = {}) {
    super({ name: args.name });
    for (const layer of args.layers ?? []) this.add(layer);
  }

  get layers(): Layer[] {
    return [...this.stack];
  }

  get inputShapes(): Shape[] | null {
    return this.input ? [this.input.batchInputShape!] : null;
  }

  get outputNames(): string[] {
    const last = this.stack[this.stack.length - 1];
    return last ? [last.name] : [];
  }

  /** Batch shape of the output, e.g. [null, 10]; null while unbuilt. */
  get outputShape(): Shape | null {
    return this.output?.shape ?? null;
  }

  /** Appends a layer. If the input shape is known, the layer is built right away. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) {
      throw new ValueError(`Sequential.add() expects a Layer, found ${layer === null ? 'null' : typeof layer}.`);
    }
    if (layer instanceof InputLayer) {
      if (this.input || this.stack.length > 0) {
        throw new ValueError(`Sequential '${this.name}': an InputLayer can only be the first layer.`);
      }
      this.input = layer;
      this.output = layer.output;
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new ValueError(
        `Sequential '${this.name}': a layer named '${layer.name}' is already in the model; layer names must be unique.`,
      );
    }
    if (!this.input && this.stack.length === 0 && layer.batchInputShape) {
      this.input = new InputLayer({ batchInputShape: layer.batchInputShape, name: `${layer.name}_input`, dtype: layer.dtype });
      this.output = this.input.output;
    }
    if (this.output) {
      this.output = this.connect(layer, this.output);
      this.built = true;
    }
    this.stack.push(layer);
    this.subLayers.push(layer);
  }

  /** Removes the last layer (tfjs-layers API). */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new ValueError(`Sequential '${this.name}': pop() on a model with no layers.`);
    this.subLayers.pop();
    const previous = this.stack[this.stack.length - 1];
    this.output = previous ? (previous.inboundNodes.at(-1)?.outputTensors[0] ?? null) : (this.input?.output ?? null);
    return layer;
  }

  private connect(layer: Layer, input: SymbolicTensor): SymbolicTensor {
    const out = layer.apply(input);
    if (Array.isArray(out)) {
      throw new ValueError(`Sequential '${this.name}': layer '${layer.name}' returns ${out.length} outputs; Sequential layers must return one.`);
    }
    return out;
  }

  /** Builds all layers for a batch input shape such as [null, 784] (done automatically on first use). */
  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    if (!this.input) {
      this.input = new InputLayer({ batchInputShape: [null, ...shape.slice(1)], name: `${this.name}_input` });
      let out = this.input.output;
      for (const layer of this.stack) out = this.connect(layer, out);
      this.output = out;
    }
    this.built = true;
  }

  forward(x: Tensor[], training: boolean): Tensor {
    if (x.length !== 1) throw new ValueError(`Sequential '${this.name}' takes 1 input, found ${x.length}.`);
    if (this.stack.length === 0) throw new ValueError(`Sequential '${this.name}' has no layers.`);
    if (!this.input) this.build(x[0].shape);
    let y = x[0];
    let mask: Tensor | null = null;
    for (const layer of this.stack) {
      const next = layer.apply(y, { training, mask });
      if (Array.isArray(next)) throw new ValueError(`Layer '${layer.name}' returned several outputs inside Sequential.`);
      // Masks (from Embedding({maskZero}) or Masking) flow to the layers that support them.
      mask = layer.computeMask(y, mask);
      y = next;
    }
    return y === x[0] ? tf.clone(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    let shape = inputShape;
    for (const layer of this.stack) shape = layer.computeOutputShape(shape) as Shape;
    return shape;
  }

  override getConfig(): JsonObject {
    const layers = this.stack.map((layer, i) => {
      const serialized = serialize(layer);
      // The first layer carries the input shape, as tfjs-layers and Keras 2 write it.
      if (i === 0 && this.input && serialized.config.batchInputShape === undefined) {
        serialized.config = { ...serialized.config, batchInputShape: this.input.batchInputShape! };
      }
      return serialized;
    });
    const config: SequentialConfig = { name: this.name, layers };
    return config;
  }

  static fromConfig(config: JsonObject): Sequential {
    const c = config as SequentialConfig;
    const layerConfigs = Array.isArray(c.layers) ? c.layers : [];
    return new Sequential({ name: c.name, layers: layerConfigs.map((l) => deserialize<Layer>(l, 'layer')) });
  }
}

export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
