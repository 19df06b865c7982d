// Embedding: maps integer ids to rows of a trainable [inputDim, outputDim] table (a gather).
// With maskZero, id 0 is padding: computeMask marks it, and masks flow to later layers.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';

export type EmbeddingArgs = LayerArgs & {
  inputDim: number;
  outputDim: number;
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  maskZero?: boolean;
  /** Keras 2 / tfjs-layers: the sequence length(s), used as inputShape when none is given. */
  inputLength?: number | number[] | null;
};

export type EmbeddingConfig = LayerConfig & {
  inputDim: number;
  outputDim: number;
  embeddingsInitializer: SerializedObject;
  embeddingsRegularizer: OptionalSerialized;
  embeddingsConstraint: OptionalSerialized;
  maskZero: boolean;
  /** Written only when given (Keras 3 drops the argument). */
  inputLength?: number | number[];
};

export class Embedding extends Layer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly inputLength: number | number[] | null;
  private readonly embeddingsInitializer: Initializer;
  private readonly embeddingsRegularizer: Regularizer | null;
  private readonly embeddingsConstraint: Constraint | null;
  embeddings: Weight | null = null;

  constructor(args: EmbeddingArgs) {
    const inputLength = args.inputLength ?? null;
    const inputShape = args.inputShape ?? (inputLength !== null && !args.batchInputShape ? [inputLength].flat() : undefined);
    super({ ...args, inputShape });
    for (const key of ['inputDim', 'outputDim'] as const) {
      const value = args[key];
      if (!Number.isInteger(value) || value <= 0) {
        throw new ValueError(`Embedding '${this.name}': ${key} must be a positive integer, found ${JSON.stringify(value)}.`);
      }
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.maskZero = args.maskZero ?? false;
    this.inputLength = inputLength;
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'randomUniform');
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint);
  }

  override build(_inputShape: Shape): void {
    this.embeddings = this.addWeight({
      name: 'embeddings',
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
    this.built = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    return lookup(x, this.embeddings!.read(), this.inputDim);
  }

  override computeMask(inputs: LayerInputs, _mask: Tensor | null): Tensor | null {
    if (!this.maskZero) return null;
    return tf.tidy(() => tf.notEqual(toIds(singleInput(inputs, this.name)), 0));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  override getConfig(): JsonObject {
    const config: EmbeddingConfig = {
      ...(super.getConfig() as LayerConfig),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: serialize(this.embeddingsInitializer),
      embeddingsRegularizer: serializeOptional(this.embeddingsRegularizer),
      embeddingsConstraint: serializeOptional(this.embeddingsConstraint),
      maskZero: this.maskZero,
    };
    if (this.inputLength !== null) config.inputLength = this.inputLength;
    return config;
  }

  static fromConfig(config: JsonObject): Embedding {
    return new Embedding(config as EmbeddingConfig);
  }
}

/** Ids as int32; float ids are truncated, as Keras and tfjs-layers cast them. */
function toIds(x: Tensor): Tensor {
  return x.dtype === 'int32' ? x : tf.cast(x, 'int32');
}

/**
 * gather(table, ids) with the table's gradient written out (an unsorted segment sum of the
 * output gradient by id) and a zero gradient for the ids. tfjs' own gather gradient returns
 * the int32 ids as the "gradient" of its indices, which fails whenever the ids derive from a
 * differentiated float tensor.
 */
function lookup(x: Tensor, table: Tensor, inputDim: number): Tensor {
  const op = tf.customGrad((...args: Array<Tensor | tf.GradSaveFunc>) => {
    const [ids, weights, save] = args as [Tensor, Tensor, tf.GradSaveFunc];
    const intIds = toIds(ids);
    save([intIds]);
    return {
      value: tf.gather(weights, intIds),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const flatIds = tf.reshape(saved[0], [-1]);
        const flatDy = tf.reshape(dy, [-1, weights.shape[1]!]);
        return [tf.zerosLike(ids), tf.unsortedSegmentSum(flatDy, flatIds as tf.Tensor1D, inputDim)];
      },
    };
  });
  return op(x, table);
}

export function embedding(args: EmbeddingArgs): Embedding {
  return new Embedding(args);
}
