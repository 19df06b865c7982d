// The Layer base class: the lifecycle of DESIGN §3. Subclasses implement `build` (weights),
// `call` (math) and `computeOutputShape`; `apply` does the shared work around them.
import { tf, type DataType, type Shape, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/index.js';
import type { Constraint } from '../constraints/constraint.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../regularizers/get-regularizer.js';
import { serialize, type JsonObject, type Serializable, type SerializedObject } from '../saving/serialization.js';
import { addCollectedLoss, isCollectingLosses } from './loss-collector.js';
import type { InputSpec } from './input-spec.js';
import { uniqueLayerName } from './names.js';
import { Node, SymbolicTensor, isSymbolic } from './symbolic-tensor.js';
import { Weight } from './weight.js';

/** Arguments every layer accepts (tfjs-layers names). */
export type LayerArgs = {
  name?: string;
  trainable?: boolean;
  dtype?: DataType;
  /** Shape of one sample, without the batch dimension. Only meaningful on a model's first layer. */
  inputShape?: Shape;
  /** Full input shape including the batch dimension (null for any batch size). */
  batchInputShape?: Shape;
  batchSize?: number;
  /** A penalty on the layer's output, added to the loss during training and evaluation. */
  activityRegularizer?: RegularizerIdentifier | null;
};

/** What every layer's config holds. Layer configs extend this type. */
export type LayerConfig = {
  name: string;
  trainable: boolean;
  dtype: DataType;
  batchInputShape?: Shape;
  activityRegularizer?: SerializedObject | null;
};

export type CallOptions = { training?: boolean; mask?: Tensor | null };

export type AddWeightOptions = {
  name: string;
  shape: number[];
  initializer?: InitializerIdentifier;
  dtype?: DataType;
  regularizer?: Regularizer | null;
  constraint?: Constraint | null;
  trainable?: boolean;
};

export type LayerInputs = Tensor | Tensor[];
export type LayerOutputs = Tensor | Tensor[];

export abstract class Layer implements Serializable {
  static readonly className: string = 'Layer';

  readonly name: string;
  readonly dtype: DataType;
  /** Set by the constructor from inputShape / batchInputShape; used by Sequential and Input. */
  readonly batchInputShape: Shape | null;
  built = false;
  /** One spec per input; null accepts anything. */
  inputSpec: InputSpec[] | null = null;
  /** One Node per call on symbolic inputs. */
  readonly inboundNodes: Node[] = [];
  /** Whether the layer accepts a mask and passes it on (Keras' `supports_masking`). */
  supportsMasking = false;
  readonly activityRegularizer: Regularizer | null;
  /** Layers that hold other layers (models) list them here so weights are collected through them. */
  protected readonly subLayers: Layer[] = [];

  private trainableFlag: boolean;
  private readonly ownWeights: Weight[] = [];

  constructor(args: LayerArgs = {}) {
    const className = (this.constructor as typeof Layer).className;
    this.name = args.name ?? uniqueLayerName(className);
    this.trainableFlag = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    this.batchInputShape = resolveBatchInputShape(args, this.name);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
  }

  getClassName(): string {
    return (this.constructor as typeof Layer).className;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Creates the weights for the given input shape. Subclasses call super.build() last or set built. */
  build(_inputShape: Shape | Shape[]): void {
    this.built = true;
  }

  abstract call(inputs: LayerInputs, options: CallOptions): LayerOutputs;

  /**
   * The mask of the output, given the input and its mask. By default a masking-aware layer passes
   * the mask through and any other layer drops it, as Keras does.
   */
  computeMask(_inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return this.supportsMasking ? mask : null;
  }

  /** Output shape for an input shape; the default is identity (shape-preserving layers). */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  getConfig(): JsonObject {
    const config: LayerConfig = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape;
    if (this.activityRegularizer) config.activityRegularizer = serialize(this.activityRegularizer);
    return config;
  }

  /**
   * Calls the layer. On symbolic tensors it infers shapes and records a Node; on concrete
   * tensors it builds on first use, checks the input spec and runs `call` inside `tidy`.
   */
  apply(inputs: SymbolicTensor, options?: CallOptions): SymbolicTensor;
  apply(inputs: SymbolicTensor[], options?: CallOptions): SymbolicTensor | SymbolicTensor[];
  apply(inputs: Tensor, options?: CallOptions): Tensor;
  apply(inputs: LayerInputs, options?: CallOptions): LayerOutputs;
  apply(
    inputs: LayerInputs | SymbolicTensor | SymbolicTensor[],
    options: CallOptions = {},
  ): LayerOutputs | SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const symbolicCount = list.filter(isSymbolic).length;
    if (symbolicCount > 0 && symbolicCount < list.length) {
      throw new ValueError(`Layer '${this.name}' was called with a mix of symbolic and concrete tensors.`);
    }
    if (symbolicCount > 0) return this.applySymbolic(list as SymbolicTensor[], Array.isArray(inputs));
    const shapes = (list as Tensor[]).map((t) => t.shape as Shape);
    this.ensureBuilt(shapes, Array.isArray(inputs));
    const outputs = tf.tidy(() => this.call(inputs as LayerInputs, options));
    if (this.activityRegularizer && isCollectingLosses()) {
      for (const out of Array.isArray(outputs) ? outputs : [outputs]) addCollectedLoss(this.activityRegularizer.apply(out));
    }
    return outputs;
  }

  private applySymbolic(list: SymbolicTensor[], wasArray: boolean): SymbolicTensor | SymbolicTensor[] {
    const shapes = list.map((t) => t.shape);
    this.ensureBuilt(shapes, wasArray);
    const outShape = this.computeOutputShape(wasArray ? shapes : shapes[0]);
    const outShapes = isShapeList(outShape) ? outShape : [outShape];
    const nodeIndex = this.inboundNodes.length;
    const outputs = outShapes.map(
      (shape, i) =>
        new SymbolicTensor(this.dtype, shape, this, nodeIndex, i, `${this.name}/output_${nodeIndex}_${i}`),
    );
    this.inboundNodes.push(new Node(this, list, outputs));
    return isShapeList(outShape) ? outputs : outputs[0];
  }

  private ensureBuilt(shapes: Shape[], wasArray: boolean): void {
    this.assertInputCompatible(shapes);
    if (!this.built) {
      this.build(wasArray ? shapes : shapes[0]);
      this.built = true;
    }
  }

  protected assertInputCompatible(shapes: Shape[]): void {
    if (!this.inputSpec) return;
    if (this.inputSpec.length !== shapes.length) {
      throw new ValueError(
        `Layer '${this.name}' expects ${this.inputSpec.length} input(s), but it received ${shapes.length}.`,
      );
    }
    this.inputSpec.forEach((spec, i) => spec.assertCompatible(shapes[i], this.name, i));
  }

  // ---- weights -------------------------------------------------------------------------

  /** Creates a weight. Options object, never positional parameters (DESIGN §3). */
  addWeight(options: AddWeightOptions): Weight {
    if (this.ownWeights.some((w) => w.name === `${this.name}/${options.name}`)) {
      throw new ValueError(`Layer '${this.name}' already has a weight named '${options.name}'.`);
    }
    if (options.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new ValueError(
        `Weight '${this.name}/${options.name}' needs a shape of non-negative integers, found ${formatShape(options.shape)}.`,
      );
    }
    const initializer = getInitializer(options.initializer ?? 'glorotUniform');
    const dtype = options.dtype ?? this.dtype;
    const initialValue = tf.tidy(() => initializer.apply(options.shape, dtype));
    const weight = new Weight({
      name: `${this.name}/${options.name}`,
      initialValue,
      trainable: options.trainable ?? true,
      regularizer: options.regularizer,
      constraint: options.constraint,
    });
    initialValue.dispose();
    this.ownWeights.push(weight);
    return weight;
  }

  get trainable(): boolean {
    return this.trainableFlag;
  }
  /** Freezing a layer (Keras semantics) moves all its weights to `nonTrainableWeights`. */
  set trainable(value: boolean) {
    this.trainableFlag = value;
    for (const layer of this.subLayers) layer.trainable = value;
  }

  /** All weights, own first then sub-layers', in creation order (Keras order). */
  get weights(): Weight[] {
    return [...this.ownWeights, ...this.subLayers.flatMap((l) => l.weights)];
  }
  get trainableWeights(): Weight[] {
    if (!this.trainableFlag) return [];
    return [...this.ownWeights.filter((w) => w.trainable), ...this.subLayers.flatMap((l) => l.trainableWeights)];
  }
  get nonTrainableWeights(): Weight[] {
    const trainable = new Set(this.trainableWeights);
    return this.weights.filter((w) => !trainable.has(w));
  }

  /** Copies of the weight values, in `weights` order. The caller owns (and disposes) them. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => tf.clone(w.read()));
  }

  setWeights(values: Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new ValueError(
        `Layer '${this.name}' has ${weights.length} weight(s) (${weights.map((w) => w.name).join(', ')}), but ${values.length} value(s) were given.`,
      );
    }
    weights.forEach((w, i) => {
      if (!tf.util.arraysEqual(values[i].shape, w.shape)) {
        throw new ValueError(
          `setWeights: weight ${i} ('${w.name}') has shape ${formatShape(w.shape)}, but the value has shape ${formatShape(values[i].shape)}.`,
        );
      }
    });
    weights.forEach((w, i) => w.write(values[i]));
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** Penalties of the trainable weights' regularizers, added to the loss (frozen weights add none, as in Keras 3). */
  regularizationLosses(): Tensor[] {
    return this.trainableWeights.filter((w) => w.regularizer).map((w) => w.regularizer!.apply(w.read()));
  }

  dispose(): void {
    for (const w of this.ownWeights) w.dispose();
    this.ownWeights.length = 0;
    for (const layer of this.subLayers) layer.dispose();
    this.built = false;
  }
}

function isShapeList(shape: Shape | Shape[]): shape is Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

function resolveBatchInputShape(args: LayerArgs, name: string): Shape | null {
  if (args.batchInputShape) return [...args.batchInputShape];
  if (args.inputShape) {
    if (!Array.isArray(args.inputShape)) {
      throw new ValueError(`Layer '${name}': inputShape must be an array such as [784], found ${JSON.stringify(args.inputShape)}.`);
    }
    return [args.batchSize ?? null, ...args.inputShape];
  }
  return null;
}

/** For single-input layers: the one tensor, or a clear error when given a list. */
export function singleInput<T>(inputs: T | T[], layerName: string): T {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1) {
      throw new ValueError(`Layer '${layerName}' expects 1 input, but it received ${inputs.length}.`);
    }
    return inputs[0];
  }
  return inputs;
}
