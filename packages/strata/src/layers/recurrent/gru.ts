// GRU: Gated Recurrent Unit over a sequence (Keras 3 defaults: resetAfter true, sigmoid gates).
// Weights 'gru/kernel' [in, 3u], 'gru/recurrent_kernel' [u, 3u], 'gru/bias' [2, 3u] with
// resetAfter (input and recurrent biases) or [3u] without; gate order z, r, h.
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseRNN, type BaseRNNArgs, type BaseRNNConfig, type RNNOptionsConfig } from './base-rnn.js';
import { cellArgsOf } from './dense-cell-options.js';
import { checkDenseCellOptions, type DenseCellOptions } from './dense-rnn-cell.js';
import { GRUCell, type GRUCellOptions, type GRUCellOptionsConfig } from './gru-cell.js';

export type GRUArgs = BaseRNNArgs & DenseCellOptions & GRUCellOptions;
export type GRUConfig = LayerConfig & RNNOptionsConfig & GRUCellOptionsConfig;

export class GRU extends BaseRNN {
  static override readonly className = 'GRU';
  declare readonly cell: GRUCell;

  constructor(args: GRUArgs) {
    checkDenseCellOptions(args, `GRU${args.name ? ` '${args.name}'` : ''}`);
    super(args, new GRUCell({ ...cellArgsOf(args, ['recurrentActivation', 'resetAfter']), name: 'gru_cell' }));
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): JsonObject {
    const config: GRUConfig = { ...(super.getConfig() as BaseRNNConfig), ...this.cell.cellOptionsConfig() };
    return config;
  }

  static fromConfig(config: JsonObject): GRU {
    return new GRU(config as GRUConfig);
  }
}

export function gru(args: GRUArgs): GRU {
  return new GRU(args);
}
