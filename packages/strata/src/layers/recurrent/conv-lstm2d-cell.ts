// ConvLSTM2DCell (Keras 3 ConvLSTMCell, rank 2, channels last): an LSTM whose input and
// recurrent transformations are 2D convolutions. kernel [kh, kw, in, 4f], recurrent_kernel
// [kh, kw, f, 4f], bias [4f], gate blocks i, f, c, o on the last axis. The input convolution
// uses strides/padding/dilation; the recurrent one stride 1 and 'same' padding.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkPositiveInteger } from './arguments.js';
import { KernelRNNCell, checkKernelCellOptions, type KernelCellOptions, type KernelCellOptionsConfig } from './kernel-rnn-cell.js';
import { UnitForgetBias, lstmGates } from './lstm-cell.js';
import type { CellRun, StepResult } from './rnn-cell.js';

export type ConvPadding = 'valid' | 'same';

export type ConvLSTM2DCellOptions = KernelCellOptions & {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: ConvPadding;
  /** Only 'channels_last' (tfjs spelling 'channelsLast' accepted). */
  dataFormat?: 'channels_last' | 'channelsLast';
  dilationRate?: number | [number, number];
  recurrentActivation?: ActivationIdentifier | null;
  unitForgetBias?: boolean;
};

export type ConvLSTM2DCellOptionsConfig = KernelCellOptionsConfig & {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: ConvPadding;
  dataFormat: 'channels_last';
  dilationRate: [number, number];
  recurrentActivation: string;
  unitForgetBias: boolean;
};
export type ConvLSTM2DCellArgs = LayerArgs & ConvLSTM2DCellOptions;
export type ConvLSTM2DCellConfig = LayerConfig & ConvLSTM2DCellOptionsConfig;

function pair(value: number | [number, number] | undefined, fallback: number, arg: string, where: string): [number, number] {
  const v = value ?? fallback;
  const p: unknown[] = Array.isArray(v) ? v : [v, v];
  if (p.length !== 2 || p.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d <= 0)) {
    throw new ValueError(`${where}: ${arg} must be a positive integer or two of them, found ${JSON.stringify(value)}.`);
  }
  return p as [number, number];
}

/** Checks and normalizes the convolution arguments, naming the layer. */
export function convOptionsOf(args: ConvLSTM2DCellOptions, where: string) {
  checkPositiveInteger(args.filters, 'filters', where);
  checkKernelCellOptions(args, where);
  const kernelSize = pair(args.kernelSize, NaN, 'kernelSize', where);
  const strides = pair(args.strides, 1, 'strides', where);
  const dilationRate = pair(args.dilationRate, 1, 'dilationRate', where);
  const padding = (args.padding ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`${where}: padding must be 'valid' or 'same', found ${JSON.stringify(args.padding)}.`);
  }
  const format = args.dataFormat ?? 'channels_last';
  if (format !== 'channels_last' && format !== 'channelsLast') {
    throw new ValueError(`${where}: only dataFormat 'channels_last' is supported, found ${JSON.stringify(args.dataFormat)}.`);
  }
  if (Math.max(...strides) > 1 && Math.max(...dilationRate) > 1) {
    throw new ValueError(`${where}: strides > 1 cannot be combined with dilationRate > 1, found strides ${JSON.stringify(strides)} and dilationRate ${JSON.stringify(dilationRate)}.`);
  }
  return { kernelSize, strides, dilationRate, padding: padding as ConvPadding };
}

/** Output length of a convolution along one axis (Keras' compute_conv_output_shape). */
function convLength(n: number | null, k: number, s: number, d: number, padding: ConvPadding): number | null {
  if (n === null) return null;
  const span = (k - 1) * d + 1;
  return padding === 'same' ? Math.ceil(n / s) : Math.ceil((n - span + 1) / s);
}

export class ConvLSTM2DCell extends KernelRNNCell {
  static override readonly className = 'ConvLSTM2DCell';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly dilationRate: [number, number];
  readonly padding: ConvPadding;
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;

  constructor(args: ConvLSTM2DCellArgs) {
    super(args);
    const conv = convOptionsOf(args, `ConvLSTM2DCell '${this.name}'`);
    this.filters = args.filters;
    this.kernelSize = conv.kernelSize;
    this.strides = conv.strides;
    this.dilationRate = conv.dilationRate;
    this.padding = conv.padding;
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  outputShape(stepInputShape: Shape): Shape {
    const [, rows, cols] = stepInputShape;
    const [kh, kw] = this.kernelSize;
    return [
      convLength(rows, kh, this.strides[0], this.dilationRate[0], this.padding),
      convLength(cols, kw, this.strides[1], this.dilationRate[1], this.padding),
      this.filters,
    ];
  }

  stateShapes(stepInputShape: Shape): Shape[] {
    const shape = this.outputShape(stepInputShape);
    return [shape, shape];
  }

  protected override buildStep(stepInputShape: Shape): void {
    if (stepInputShape.length !== 4 || stepInputShape.slice(1).some((d) => d === null)) {
      throw new ValueError(
        `ConvLSTM2DCell '${this.name}': each step's input must be [batch, rows, cols, channels] with known rows, cols and channels, found ${formatShape(stepInputShape)}.`,
      );
    }
    const channels = stepInputShape[3]!;
    const [kh, kw] = this.kernelSize;
    const f = this.filters;
    const bias = this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, f) : this.biasInitializer;
    this.createWeights([kh, kw, channels, 4 * f], [kh, kw, f, 4 * f], [4 * f], bias);
  }

  override begin(stepInputShape: number[], training: boolean): CellRun {
    const state = [stepInputShape[0], ...(this.outputShape(stepInputShape) as number[])];
    const masks = this.drawMasks(stepInputShape, state, training);
    const kernel = this.kernel!.read() as tf.Tensor4D;
    const recurrentKernel = this.recurrentKernel!.read() as tf.Tensor4D;
    const bias = this.bias?.read();
    return {
      // The input convolution of every timestep at once: time folded into the batch.
      prepare: (inputs) => {
        // The mask [batch, rows, cols, channels] broadcasts over a leading time axis.
        const x = masks.input ? tf.mul(inputs, masks.input) : inputs;
        const [rows, cols, channels] = x.shape.slice(-3);
        const images = tf.reshape(x, [-1, rows, cols, channels]) as tf.Tensor4D;
        const y = tf.fused.conv2d({ x: images, filter: kernel, strides: this.strides, pad: this.padding, dilations: this.dilationRate, bias });
        return tf.reshape(y, [...x.shape.slice(0, -3), ...y.shape.slice(1)]);
      },
      step: (prepared, [h, c]) => {
        const hIn = (masks.recurrent ? tf.mul(h, masks.recurrent) : h) as tf.Tensor4D;
        const z = tf.add(prepared, tf.conv2d(hIn, recurrentKernel, [1, 1], 'same'));
        return lstmGates(z, c, this.activation, this.recurrentActivation);
      },
    };
  }

  step(input: Tensor, states: Tensor[], training: boolean): StepResult {
    const run = this.begin(input.shape, training);
    return run.step(run.prepare(input), states);
  }

  override cellOptionsConfig(): ConvLSTM2DCellOptionsConfig {
    return {
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: 'channels_last',
      dilationRate: this.dilationRate,
      ...super.cellOptionsConfig(),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      unitForgetBias: this.unitForgetBias,
    };
  }

  static fromConfig(config: JsonObject): ConvLSTM2DCell {
    return new ConvLSTM2DCell(config as ConvLSTM2DCellConfig);
  }
}

export function convLstm2dCell(args: ConvLSTM2DCellArgs): ConvLSTM2DCell {
  return new ConvLSTM2DCell(args);
}
