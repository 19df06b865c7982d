// PReLU: max(x, 0) + alpha * min(x, 0) with a trainable `alpha` per input entry; `sharedAxes`
// share one alpha along those axes (e.g. [1, 2] for one alpha per channel of an image).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';

export type PReLUArgs = LayerArgs & {
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  /** Axes (1-based, the batch is 0) along which alpha is shared. */
  sharedAxes?: number | number[] | null;
};

export type PReLUConfig = LayerConfig & {
  alphaInitializer: SerializedObject;
  alphaRegularizer: OptionalSerialized;
  alphaConstraint: OptionalSerialized;
  sharedAxes: number[] | null;
};

export class PReLU extends Layer {
  static override readonly className = 'PReLU';
  readonly sharedAxes: number[] | null;
  private readonly alphaInitializer: Initializer;
  private readonly alphaRegularizer: Regularizer | null;
  private readonly alphaConstraint: Constraint | null;
  alpha: Weight | null = null;

  constructor(args: PReLUArgs = {}) {
    super(args);
    const shared = args.sharedAxes ?? null;
    const list = shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
    if (list && !list.every((a) => Number.isInteger(a) && a >= 1)) {
      throw new ValueError(
        `PReLU '${this.name}': sharedAxes must be positive axis indices (the batch axis is 0), found ${JSON.stringify(shared)}.`,
      );
    }
    this.sharedAxes = list;
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer);
    this.alphaConstraint = getConstraint(args.alphaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const shape = inputShape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (axis >= inputShape.length) {
        throw new ValueError(`PReLU '${this.name}': shared axis ${axis} does not exist in an input of shape ${formatShape(inputShape)}.`);
      }
      shape[axis - 1] = 1;
    }
    if (shape.some((d) => d === null)) {
      throw new ValueError(
        `PReLU '${this.name}': every unshared non-batch axis must have a known size, found input shape ${formatShape(inputShape)}; share the unknown axes with sharedAxes.`,
      );
    }
    this.alpha = this.addWeight({
      name: 'alpha',
      shape: shape as number[],
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer,
      constraint: this.alphaConstraint,
    });
    const axes: Record<number, number> = {};
    shape.forEach((d, i) => {
      if (!(this.sharedAxes ?? []).includes(i + 1)) axes[i + 1] = d as number;
    });
    this.inputSpec = [new InputSpec({ ndim: inputShape.length, axes })];
    this.built = true;
  }

  call(inputs: LayerInputs): Tensor {
    return tf.prelu(singleInput(inputs, this.name), this.alpha!.read());
  }

  override getConfig(): JsonObject {
    const config: PReLUConfig = {
      ...(super.getConfig() as LayerConfig),
      alphaInitializer: serialize(this.alphaInitializer),
      alphaRegularizer: serializeOptional(this.alphaRegularizer),
      alphaConstraint: serializeOptional(this.alphaConstraint),
      sharedAxes: this.sharedAxes,
    };
    return config;
  }

  static fromConfig(config: JsonObject): PReLU {
    return new PReLU(config as PReLUConfig);
  }
}

/** tfjs-layers spells the factory `prelu`; `pReLU` matches the other advanced activations. */
export function pReLU(args: PReLUArgs = {}): PReLU {
  return new PReLU(args);
}
