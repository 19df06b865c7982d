// SimpleRNNCell: h_t = activation(x_t·kernel + bias + h_{t-1}·recurrent_kernel) (Keras 3).
import { tf } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import type { LayerConfig } from '../../engine/layer.js';
import { DenseRNNCell, type DenseCellArgs, type DenseCellOptionsConfig } from './dense-rnn-cell.js';
import type { CellRun } from './rnn-cell.js';

export type SimpleRNNCellArgs = DenseCellArgs;
export type SimpleRNNCellConfig = LayerConfig & DenseCellOptionsConfig;

export class SimpleRNNCell extends DenseRNNCell {
  static override readonly className = 'SimpleRNNCell';
  protected readonly gates = 1;

  override begin(stepInputShape: number[], training: boolean): CellRun {
    const masks = this.masksFor(stepInputShape, training);
    const bias = this.bias?.read() ?? null;
    return {
      prepare: (x) => this.projectInputs(x, masks.input, bias),
      step: (prepared, [h]) => {
        const next = this.activation.apply(tf.add(prepared, this.recurrentProduct(h, masks.recurrent)));
        return { output: next, states: [next] };
      },
    };
  }

  static fromConfig(config: JsonObject): SimpleRNNCell {
    return new SimpleRNNCell(config as SimpleRNNCellConfig);
  }
}

export function simpleRNNCell(args: SimpleRNNCellArgs): SimpleRNNCell {
  return new SimpleRNNCell(args);
}
