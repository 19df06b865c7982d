// Dense: output = activation(dot(input, kernel) + bias), applied on the last axis.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';

/** Activations tfjs-core's fused matMul can run and differentiate (see fused_util). */
const FUSABLE_ACTIVATIONS = new Map<string, 'linear' | 'relu'>([
  ['linear', 'linear'],
  ['relu', 'relu'],
]);

export type DenseArgs = LayerArgs & {
  units: number;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  /** tfjs-layers shorthand for inputShape: [inputDim]. */
  inputDim?: number;
};

export type DenseConfig = LayerConfig & {
  units: number;
  activation: string;
  useBias: boolean;
  kernelInitializer: SerializedObject;
  biasInitializer: SerializedObject;
  kernelRegularizer: OptionalSerialized;
  biasRegularizer: OptionalSerialized;
  kernelConstraint: OptionalSerialized;
  biasConstraint: OptionalSerialized;
};

export class Dense extends Layer {
  static override readonly className = 'Dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | null;
  private readonly biasRegularizer: Regularizer | null;
  private readonly kernelConstraint: Constraint | null;
  private readonly biasConstraint: Constraint | null;
  kernel: Weight | null = null;
  bias: Weight | null = null;

  constructor(args: DenseArgs) {
    const inputShape = args.inputShape ?? (args.inputDim !== undefined ? [args.inputDim] : undefined);
    super({ ...args, inputShape });
    if (!Number.isInteger(args.units) || args.units <= 0) {
      throw new ValueError(`Dense '${this.name}': units must be a positive integer, found ${JSON.stringify(args.units)}.`);
    }
    this.units = args.units;
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.inputSpec = [new InputSpec({ minNdim: 2 })];
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null) {
      throw new ValueError(`Dense '${this.name}': the last axis of the input must be known, found shape [${inputShape}].`);
    }
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [inputDim, this.units],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: [this.units],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = [new InputSpec({ minNdim: 2, axes: { [-1]: inputDim } })];
    this.built = true;
  }

  call(inputs: LayerInputs, _options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    const x2d = x.rank === 2 ? x : tf.reshape(x, [-1, x.shape[x.rank - 1]]);
    const y = this.denseOn2d(x2d);
    // Higher ranks: the last axis is contracted, the leading ones kept.
    return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  private denseOn2d(x: Tensor): Tensor {
    const kernel = this.kernel!.read();
    const bias = this.bias?.read();
    // One fused kernel (matmul + bias + activation) where tfjs-core can differentiate it:
    // fewer kernel launches and intermediate tensors per step.
    const fusable = FUSABLE_ACTIVATIONS.get(this.activation.name);
    if (fusable) {
      return tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: fusable });
    }
    let y = tf.matMul(x, kernel);
    if (bias) y = tf.add(y, bias);
    return this.activation.apply(y);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): JsonObject {
    const config: DenseConfig = {
      ...(super.getConfig() as LayerConfig),
      units: this.units,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      kernelInitializer: serialize(this.kernelInitializer),
      biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: serializeOptional(this.kernelRegularizer),
      biasRegularizer: serializeOptional(this.biasRegularizer),
      kernelConstraint: serializeOptional(this.kernelConstraint),
      biasConstraint: serializeOptional(this.biasConstraint),
    };
    return config;
  }

  static fromConfig(config: JsonObject): Dense {
    return new Dense(config as DenseConfig);
  }
}

export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}
