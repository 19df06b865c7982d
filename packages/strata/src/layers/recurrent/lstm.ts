// LSTM: Long Short-Term Memory over a sequence (Keras 3 defaults: sigmoid gates, tanh,
// unitForgetBias). Weights 'lstm/kernel' [in, 4u], 'lstm/recurrent_kernel' [u, 4u],
// 'lstm/bias' [4u], gate order i, f, c, o.
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseRNN, type BaseRNNArgs, type BaseRNNConfig, type RNNOptionsConfig } from './base-rnn.js';
import { cellArgsOf } from './dense-cell-options.js';
import { checkDenseCellOptions, type DenseCellOptions } from './dense-rnn-cell.js';
import { LSTMCell, type LSTMCellOptions, type LSTMCellOptionsConfig } from './lstm-cell.js';

export type LSTMArgs = BaseRNNArgs & DenseCellOptions & LSTMCellOptions;
export type LSTMConfig = LayerConfig & RNNOptionsConfig & LSTMCellOptionsConfig;

export class LSTM extends BaseRNN {
  static override readonly className = 'LSTM';
  declare readonly cell: LSTMCell;

  constructor(args: LSTMArgs) {
    checkDenseCellOptions(args, `LSTM${args.name ? ` '${args.name}'` : ''}`);
    super(args, new LSTMCell({ ...cellArgsOf(args, ['recurrentActivation', 'unitForgetBias']), name: 'lstm_cell' }));
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): JsonObject {
    const config: LSTMConfig = { ...(super.getConfig() as BaseRNNConfig), ...this.cell.cellOptionsConfig() };
    return config;
  }

  static fromConfig(config: JsonObject): LSTM {
    return new LSTM(config as LSTMConfig);
  }
}

export function lstm(args: LSTMArgs): LSTM {
  return new LSTM(args);
}
