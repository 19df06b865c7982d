// GRUCell (Keras 3): gates in the order z (update), r (reset), h (candidate).
//   resetAfter (default, cuDNN-compatible): bias [2, 3u] = [input bias; recurrent bias],
//     hh = tanh(x_h + r·(h·U_h + b_rec_h))
//   resetAfter false: bias [3u], hh = tanh(x_h + (r·h)·U_h)
//   h' = z·h + (1 - z)·hh
import { tf, type Tensor } from '../../runtime/tf.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import type { LayerConfig } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { DenseRNNCell, type DenseCellArgs, type DenseCellOptionsConfig } from './dense-rnn-cell.js';
import type { CellRun } from './rnn-cell.js';

export type GRUCellOptions = {
  recurrentActivation?: ActivationIdentifier | null;
  /** Apply the reset gate after the recurrent matMul (Keras 3 default true). */
  resetAfter?: boolean;
};
export type GRUCellOptionsConfig = DenseCellOptionsConfig & { recurrentActivation: string; resetAfter: boolean };
export type GRUCellArgs = DenseCellArgs & GRUCellOptions;
export type GRUCellConfig = LayerConfig & GRUCellOptionsConfig;

export class GRUCell extends DenseRNNCell {
  static override readonly className = 'GRUCell';
  protected readonly gates = 3;
  readonly recurrentActivation: Activation;
  readonly resetAfter: boolean;

  constructor(args: GRUCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.resetAfter = args.resetAfter ?? true;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  override begin(stepInputShape: number[], training: boolean): CellRun {
    const u = this.units;
    const masks = this.masksFor(stepInputShape, training);
    // Per-sequence slices of the weights, so that each step does only the work that must be per step.
    let inputBias: Tensor | null = null;
    let recurrentBias: Tensor | null = null;
    if (this.bias) {
      if (this.resetAfter) [inputBias, recurrentBias] = tf.unstack(this.bias.read());
      else inputBias = this.bias.read();
    }
    const kernel = this.recurrentKernel!.read();
    const [kernelZR, kernelH] = this.resetAfter ? [kernel, kernel] : tf.split(kernel, [2 * u, u], 1);
    return {
      prepare: (x) => this.projectInputs(x, masks.input, inputBias),
      step: (prepared, [h]) => {
        const hIn = masks.recurrent ? tf.mul(h, masks.recurrent) : h;
        const [xZR, xH] = tf.split(prepared, [2 * u, u], 1);
        let zr: Tensor;
        let innerH: Tensor | null = null;
        if (this.resetAfter) {
          const inner = tf.fused.matMul({ a: hIn as tf.Tensor2D, b: kernelZR as tf.Tensor2D, bias: recurrentBias ?? undefined });
          const [innerZR, innerRest] = tf.split(inner, [2 * u, u], 1);
          innerH = innerRest;
          zr = this.recurrentActivation.apply(tf.add(xZR, innerZR));
        } else {
          zr = this.recurrentActivation.apply(tf.add(xZR, tf.matMul(hIn, kernelZR)));
        }
        const [z, r] = tf.split(zr, 2, 1);
        const recurrentH = innerH ? tf.mul(r, innerH) : tf.matMul(tf.mul(r, hIn), kernelH);
        const candidate = this.activation.apply(tf.add(xH, recurrentH));
        // z·h + (1 - z)·hh, written as hh + z·(h - hh): one op fewer per step.
        const next = tf.add(candidate, tf.mul(z, tf.sub(h, candidate)));
        return { output: next, states: [next] };
      },
    };
  }

  override cellOptionsConfig(): GRUCellOptionsConfig {
    return {
      ...super.cellOptionsConfig(),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      resetAfter: this.resetAfter,
    };
  }

  static fromConfig(config: JsonObject): GRUCell {
    return new GRUCell(config as GRUCellConfig);
  }
}

export function gruCell(args: GRUCellArgs): GRUCell {
  return new GRUCell(args);
}
