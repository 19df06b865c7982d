// RNN: the generic recurrent layer over any cell, or a list of cells (run as StackedRNNCells).
import { ValueError } from '../../errors.js';
import type { LayerConfig } from '../../engine/layer.js';
import { deserialize, serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { BaseRNN, type BaseRNNArgs, type BaseRNNConfig, type RNNOptionsConfig } from './base-rnn.js';
import { RNNCell } from './rnn-cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';

export type RNNArgs = BaseRNNArgs & { cell: RNNCell | RNNCell[] };
export type RNNConfig = LayerConfig & RNNOptionsConfig & { cell: SerializedObject };

function toCell(cell: RNNCell | RNNCell[], name: string | undefined): RNNCell {
  if (Array.isArray(cell)) return new StackedRNNCells({ cells: cell });
  if (!(cell instanceof RNNCell)) {
    throw new ValueError(`RNN${name ? ` '${name}'` : ''}: cell must be an RNN cell (e.g. st.layers.lstmCell) or an array of them, found ${JSON.stringify(cell)}.`);
  }
  return cell;
}

export class RNN extends BaseRNN {
  static override readonly className = 'RNN';

  constructor(args: RNNArgs) {
    super(args, toCell(args.cell, args.name));
  }

  override getConfig(): JsonObject {
    const config: RNNConfig = { ...(super.getConfig() as BaseRNNConfig), cell: serialize(this.cell) };
    return config;
  }

  static fromConfig(config: JsonObject): RNN {
    const c = config as RNNConfig;
    return new RNN({ ...c, cell: deserialize<RNNCell>(c.cell, 'RNN cell') });
  }
}

export function rnn(args: RNNArgs): RNN {
  return new RNN(args);
}
