// The cell arguments a layer-level wrapper (SimpleRNN, LSTM, GRU) passes on to its cell.
import type { LayerArgs } from '../../engine/layer.js';
import type { DenseCellOptions } from './dense-rnn-cell.js';

const DENSE_CELL_KEYS = [
  'units',
  'activation',
  'useBias',
  'kernelInitializer',
  'recurrentInitializer',
  'biasInitializer',
  'kernelRegularizer',
  'recurrentRegularizer',
  'biasRegularizer',
  'kernelConstraint',
  'recurrentConstraint',
  'biasConstraint',
  'dropout',
  'recurrentDropout',
  'seed',
] as const;

/**
 * The cell's own arguments out of a layer's arguments (plus the extra keys a cell type adds);
 * the layer-only ones (name, input shape, RNN options) stay with the layer.
 */
export function cellArgsOf<T extends DenseCellOptions>(args: T & LayerArgs, extra: readonly (keyof T)[] = []): T & LayerArgs {
  const picked: Record<string, unknown> = { trainable: args.trainable, dtype: args.dtype };
  for (const key of [...DENSE_CELL_KEYS, ...extra] as string[]) {
    const value = (args as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked as T & LayerArgs;
}
