// LSTMCell (Keras 3): gates in the order i, f, c, o along the kernels' columns.
//   z = x·kernel + bias + h·recurrent_kernel;  i, f, o = σ(z_i, z_f, z_o);  g = tanh(z_c)
//   c' = f·c + i·g;  h' = o·tanh(c')
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import { Initializer } from '../../initializers/index.js';
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { DenseRNNCell, type DenseCellArgs, type DenseCellOptionsConfig } from './dense-rnn-cell.js';
import type { CellRun, StepResult } from './rnn-cell.js';

export type LSTMCellOptions = {
  recurrentActivation?: ActivationIdentifier | null;
  /** Initialize the forget gate's bias to 1 (Jozefowicz et al. 2015); default true. */
  unitForgetBias?: boolean;
};
export type LSTMCellOptionsConfig = DenseCellOptionsConfig & { recurrentActivation: string; unitForgetBias: boolean };
export type LSTMCellArgs = DenseCellArgs & LSTMCellOptions;
export type LSTMCellConfig = LayerConfig & LSTMCellOptionsConfig;

/**
 * The bias value for unitForgetBias: the bias initializer on the i, c and o blocks, ones on the
 * forget block. Only used to create the weight, never serialized (the config keeps the flag).
 */
export class UnitForgetBias extends Initializer {
  static override readonly className = 'UnitForgetBias';
  constructor(
    private readonly base: Initializer,
    private readonly units: number,
  ) {
    super();
  }

  apply(_shape: number[], dtype: tf.DataType = 'float32'): Tensor {
    const u = this.units;
    return tf.tidy(() => tf.concat([this.base.apply([u], dtype), tf.ones([u], dtype), this.base.apply([2 * u], dtype)]));
  }
}

/**
 * The LSTM update from the pre-activations z (gate blocks i, f, c, o on the last axis) and the
 * previous carry: shared by LSTMCell and ConvLSTM2DCell.
 */
export function lstmGates(z: Tensor, carry: Tensor, activation: Activation, recurrentActivation: Activation): StepResult {
  const [zi, zf, zc, zo] = tf.split(z, 4, -1);
  const i = recurrentActivation.apply(zi);
  const f = recurrentActivation.apply(zf);
  const o = recurrentActivation.apply(zo);
  const nextCarry = tf.add(tf.mul(f, carry), tf.mul(i, activation.apply(zc)));
  const next = tf.mul(o, activation.apply(nextCarry));
  return { output: next, states: [next, nextCarry] };
}

export class LSTMCell extends DenseRNNCell {
  static override readonly className = 'LSTMCell';
  protected readonly gates = 4;
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;

  constructor(args: LSTMCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  override stateShapes(_stepInputShape: Shape): Shape[] {
    return [[this.units], [this.units]];
  }

  protected override biasInitialValue(): Initializer {
    return this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, this.units) : this.biasInitializer;
  }

  override begin(stepInputShape: number[], training: boolean): CellRun {
    const masks = this.masksFor(stepInputShape, training);
    const bias = this.bias?.read() ?? null;
    return {
      prepare: (x) => this.projectInputs(x, masks.input, bias),
      step: (prepared, [h, c]) => {
        const z = tf.add(prepared, this.recurrentProduct(h, masks.recurrent));
        return lstmGates(z, c, this.activation, this.recurrentActivation);
      },
    };
  }

  override cellOptionsConfig(): LSTMCellOptionsConfig {
    return {
      ...super.cellOptionsConfig(),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      unitForgetBias: this.unitForgetBias,
    };
  }

  static fromConfig(config: JsonObject): LSTMCell {
    return new LSTMCell(config as LSTMCellConfig);
  }
}

export function lstmCell(args: LSTMCellArgs): LSTMCell {
  return new LSTMCell(args);
}
