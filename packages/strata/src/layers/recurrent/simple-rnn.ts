// SimpleRNN: a fully connected RNN, the output fed back as the next step's state (Keras 3).
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseRNN, type BaseRNNArgs, type BaseRNNConfig, type RNNOptionsConfig } from './base-rnn.js';
import { cellArgsOf } from './dense-cell-options.js';
import { checkDenseCellOptions, type DenseCellOptions, type DenseCellOptionsConfig } from './dense-rnn-cell.js';
import { SimpleRNNCell } from './simple-rnn-cell.js';

export type SimpleRNNArgs = BaseRNNArgs & DenseCellOptions;
export type SimpleRNNConfig = LayerConfig & RNNOptionsConfig & DenseCellOptionsConfig;

export class SimpleRNN extends BaseRNN {
  static override readonly className = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(args: SimpleRNNArgs) {
    checkDenseCellOptions(args, `SimpleRNN${args.name ? ` '${args.name}'` : ''}`);
    super(args, new SimpleRNNCell({ ...cellArgsOf(args), name: 'simple_rnn_cell' }));
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): JsonObject {
    const config: SimpleRNNConfig = { ...(super.getConfig() as BaseRNNConfig), ...this.cell.cellOptionsConfig() };
    return config;
  }

  static fromConfig(config: JsonObject): SimpleRNN {
    return new SimpleRNN(config as SimpleRNNConfig);
  }
}

export function simpleRNN(args: SimpleRNNArgs): SimpleRNN {
  return new SimpleRNN(args);
}
