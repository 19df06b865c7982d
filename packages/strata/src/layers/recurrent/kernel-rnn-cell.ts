// What the built-in cells share: an input `kernel`, a `recurrent_kernel`, an optional `bias`,
// their initializers/regularizers/constraints, the activation, and input/recurrent dropout with
// one mask per sequence (Keras 3 semantics). Subclasses give the shapes and the step math.
import type { Tensor } from '../../runtime/tf.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { checkRate } from './arguments.js';
import { SeedStream, dropoutMask } from './dropout-mask.js';
import { RNNCell } from './rnn-cell.js';

export type KernelCellOptions = {
  activation?: ActivationIdentifier | null;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  recurrentInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  /** Fraction of the input units dropped in training; one mask per sequence. */
  dropout?: number;
  /** Fraction of the state units dropped before the recurrent product; one mask per sequence. */
  recurrentDropout?: number;
  seed?: number | null;
};

export type KernelCellOptionsConfig = {
  activation: string;
  useBias: boolean;
  kernelInitializer: SerializedObject;
  recurrentInitializer: SerializedObject;
  biasInitializer: SerializedObject;
  kernelRegularizer: OptionalSerialized;
  recurrentRegularizer: OptionalSerialized;
  biasRegularizer: OptionalSerialized;
  kernelConstraint: OptionalSerialized;
  recurrentConstraint: OptionalSerialized;
  biasConstraint: OptionalSerialized;
  dropout: number;
  recurrentDropout: number;
  seed: number | null;
};

/** Checks the dropout rates, naming the layer (a wrapper checks before it builds its cell). */
export function checkKernelCellOptions(args: KernelCellOptions, where: string): void {
  checkRate(args.dropout ?? 0, 'dropout', where);
  checkRate(args.recurrentDropout ?? 0, 'recurrentDropout', where);
}

/** Per-sequence dropout masks: null when not training or the rate is 0. */
export type CellMasks = { input: Tensor | null; recurrent: Tensor | null };

export abstract class KernelRNNCell extends RNNCell {
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  protected readonly kernelInitializer: Initializer;
  protected readonly recurrentInitializer: Initializer;
  protected readonly biasInitializer: Initializer;
  protected readonly kernelRegularizer: Regularizer | null;
  protected readonly recurrentRegularizer: Regularizer | null;
  protected readonly biasRegularizer: Regularizer | null;
  protected readonly kernelConstraint: Constraint | null;
  protected readonly recurrentConstraint: Constraint | null;
  protected readonly biasConstraint: Constraint | null;
  private readonly seeds: SeedStream;
  kernel: Weight | null = null;
  recurrentKernel: Weight | null = null;
  bias: Weight | null = null;

  constructor(args: LayerArgs & KernelCellOptions) {
    super(args);
    checkKernelCellOptions(args, `${this.getClassName()} '${this.name}'`);
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropout = args.dropout ?? 0;
    this.recurrentDropout = args.recurrentDropout ?? 0;
    this.seed = args.seed ?? null;
    this.seeds = new SeedStream(this.seed);
  }

  /** Creates kernel, recurrent_kernel and (with useBias) bias, in Keras order. */
  protected createWeights(kernelShape: number[], recurrentShape: number[], biasShape: number[], biasInitializer: Initializer): void {
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: kernelShape,
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    this.recurrentKernel = this.addWeight({
      name: 'recurrent_kernel',
      shape: recurrentShape,
      initializer: this.recurrentInitializer,
      regularizer: this.recurrentRegularizer,
      constraint: this.recurrentConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: biasShape,
        initializer: biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
  }

  /** The sequence's dropout masks (training only), shaped like one step's input and state. */
  protected drawMasks(stepInputShape: number[], stateShape: number[], training: boolean): CellMasks {
    return {
      input: training && this.dropout > 0 ? dropoutMask(stepInputShape, this.dropout, this.seeds) : null,
      recurrent: training && this.recurrentDropout > 0 ? dropoutMask(stateShape, this.recurrentDropout, this.seeds) : null,
    };
  }

  /** The cell options in config form (the layer-level wrappers write them flat, as Keras). */
  cellOptionsConfig(): KernelCellOptionsConfig {
    return {
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      kernelInitializer: serialize(this.kernelInitializer),
      recurrentInitializer: serialize(this.recurrentInitializer),
      biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: serializeOptional(this.kernelRegularizer),
      recurrentRegularizer: serializeOptional(this.recurrentRegularizer),
      biasRegularizer: serializeOptional(this.biasRegularizer),
      kernelConstraint: serializeOptional(this.kernelConstraint),
      recurrentConstraint: serializeOptional(this.recurrentConstraint),
      biasConstraint: serializeOptional(this.biasConstraint),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      seed: this.seed,
    };
  }

  override getConfig(): JsonObject {
    return { ...(super.getConfig() as LayerConfig), ...this.cellOptionsConfig() };
  }
}
