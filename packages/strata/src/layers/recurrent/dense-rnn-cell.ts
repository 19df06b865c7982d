// What SimpleRNNCell, LSTMCell and GRUCell share: `units`, and kernels that are dense matrices,
// `kernel [in, gates·units]` and `recurrent_kernel [units, gates·units]` (Keras layout).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import type { Initializer } from '../../initializers/index.js';
import type { LayerArgs } from '../../engine/layer.js';
import { checkPositiveInteger } from './arguments.js';
import { KernelRNNCell, checkKernelCellOptions, type CellMasks, type KernelCellOptions, type KernelCellOptionsConfig } from './kernel-rnn-cell.js';
import type { StepResult } from './rnn-cell.js';

/** The cell arguments that SimpleRNN, LSTM and GRU also accept at the layer level. */
export type DenseCellOptions = KernelCellOptions & { units: number };
export type DenseCellOptionsConfig = KernelCellOptionsConfig & { units: number };
export type DenseCellArgs = LayerArgs & DenseCellOptions;

/** Checks the arguments a layer-level wrapper forwards to its cell, so errors name the wrapper. */
export function checkDenseCellOptions(args: DenseCellOptions, where: string): void {
  checkPositiveInteger(args.units, 'units', where);
  checkKernelCellOptions(args, where);
}

export abstract class DenseRNNCell extends KernelRNNCell {
  /** How many blocks of `units` columns the kernels have (1, 4 or 3). */
  protected abstract readonly gates: number;
  readonly units: number;

  constructor(args: DenseCellArgs) {
    super(args);
    this.units = checkPositiveInteger(args.units, 'units', `${this.getClassName()} '${this.name}'`);
  }

  stateShapes(_stepInputShape: Shape): Shape[] {
    return [[this.units]];
  }

  outputShape(_stepInputShape: Shape): Shape {
    return [this.units];
  }

  /** Shape of the bias weight (GRU with resetAfter has two rows). */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** Initial value of the bias (LSTM's unitForgetBias puts ones on the forget gate). */
  protected biasInitialValue(): Initializer {
    return this.biasInitializer;
  }

  protected override buildStep(stepInputShape: Shape): void {
    const inputDim = stepInputShape[stepInputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}': the feature axis of the input must be known, found step input shape ${formatShape(stepInputShape)}.`,
      );
    }
    const width = this.gates * this.units;
    this.createWeights([inputDim, width], [this.units, width], this.biasShape(), this.biasInitialValue());
  }

  protected masksFor(stepInputShape: number[], training: boolean): CellMasks {
    return this.drawMasks(stepInputShape, [stepInputShape[0], this.units], training);
  }

  /**
   * inputs·kernel + bias on the last axis, for one step [batch, in] or a whole time-major
   * sequence [time, batch, in] at once, after the input dropout mask [batch, in] (which
   * broadcasts over the time axis: the same mask at every timestep).
   */
  protected projectInputs(inputs: Tensor, mask: Tensor | null, bias: Tensor | null): Tensor {
    const inputDim = inputs.shape[inputs.rank - 1];
    const x = mask ? tf.mul(inputs, mask) : inputs;
    const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inputDim]);
    const y = tf.fused.matMul({ a: flat as tf.Tensor2D, b: this.kernel!.read() as tf.Tensor2D, bias: bias ?? undefined });
    return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), y.shape[1]!]);
  }

  /** h·recurrent_kernel, after the recurrent dropout mask. */
  protected recurrentProduct(h: Tensor, mask: Tensor | null, kernel: Tensor = this.recurrentKernel!.read()): Tensor {
    return tf.matMul(mask ? tf.mul(h, mask) : h, kernel);
  }

  /** One step on a raw input: the same code path as the RNN's loop, for one timestep. */
  step(input: Tensor, states: Tensor[], training: boolean): StepResult {
    const run = this.begin(input.shape, training);
    return run.step(run.prepare(input), states);
  }

  override cellOptionsConfig(): DenseCellOptionsConfig {
    return { units: this.units, ...super.cellOptionsConfig() };
  }
}
