// ConvLSTM2D (Keras 3): a convolutional LSTM over [batch, time, rows, cols, channels]; returns
// [batch, rows', cols', filters], or [batch, time, rows', cols', filters] with returnSequences.
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseRNN, type BaseRNNArgs, type BaseRNNConfig, type RNNOptionsConfig } from './base-rnn.js';
import { ConvLSTM2DCell, convOptionsOf, type ConvLSTM2DCellOptions, type ConvLSTM2DCellOptionsConfig } from './conv-lstm2d-cell.js';

export type ConvLSTM2DArgs = BaseRNNArgs & ConvLSTM2DCellOptions;
export type ConvLSTM2DConfig = LayerConfig & RNNOptionsConfig & ConvLSTM2DCellOptionsConfig;

const CELL_KEYS = [
  'filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'activation', 'recurrentActivation',
  'useBias', 'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'unitForgetBias', 'kernelRegularizer',
  'recurrentRegularizer', 'biasRegularizer', 'kernelConstraint', 'recurrentConstraint', 'biasConstraint', 'dropout',
  'recurrentDropout', 'seed',
] as const;

function cellArgs(args: ConvLSTM2DArgs): ConvLSTM2DCellOptions {
  const picked: Record<string, unknown> = { trainable: args.trainable, dtype: args.dtype, name: 'conv_lstm2d_cell' };
  for (const key of CELL_KEYS) if (args[key] !== undefined) picked[key] = args[key];
  return picked as ConvLSTM2DCellOptions;
}

export class ConvLSTM2D extends BaseRNN {
  static override readonly className = 'ConvLSTM2D';
  declare readonly cell: ConvLSTM2DCell;

  constructor(args: ConvLSTM2DArgs) {
    convOptionsOf(args, `ConvLSTM2D${args.name ? ` '${args.name}'` : ''}`);
    super(args, new ConvLSTM2DCell(cellArgs(args)), 5);
  }

  get filters(): number {
    return this.cell.filters;
  }

  override getConfig(): JsonObject {
    const config: ConvLSTM2DConfig = { ...(super.getConfig() as BaseRNNConfig), ...this.cell.cellOptionsConfig() };
    return config;
  }

  static fromConfig(config: JsonObject): ConvLSTM2D {
    return new ConvLSTM2D(config as ConvLSTM2DConfig);
  }
}

export function convLstm2d(args: ConvLSTM2DArgs): ConvLSTM2D {
  return new ConvLSTM2D(args);
}
