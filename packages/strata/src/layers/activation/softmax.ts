// Softmax layer over `axis` (default -1; a list of axes normalizes over all of them jointly).
// A mask of the input's rank (true = keep) pushes masked logits to -1e9 first, as Keras does;
// a lower-rank mask (one per timestep, from Embedding or Masking) is not about the softmax
// axis and is passed through untouched.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type SoftmaxArgs = LayerArgs & { axis?: number | number[] };
export type SoftmaxConfig = LayerConfig & { axis: number | number[] };

export class Softmax extends Layer {
  static override readonly className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const axes = Array.isArray(axis) ? axis : [axis];
    if (axes.length === 0 || !axes.every((a) => Number.isInteger(a))) {
      throw new ValueError(`Softmax '${this.name}': axis must be an integer or a non-empty list of integers, found ${JSON.stringify(axis)}.`);
    }
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs, options: CallOptions = {}): Tensor {
    let x = singleInput(inputs, this.name);
    const mask = options.mask;
    if (mask && mask.rank === x.rank) x = tf.add(x, tf.mul(tf.sub(1, tf.cast(mask, x.dtype)), -1e9));
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => (a < 0 ? a + x.rank : a));
    if (axes.some((a) => a < 0 || a >= x.rank)) {
      throw new ValueError(`Softmax '${this.name}': axis ${JSON.stringify(this.axis)} is out of range for an input of rank ${x.rank}.`);
    }
    // tfjs' softmax kernel works on the last axis only.
    if (axes.length === 1 && axes[0] === x.rank - 1) return tf.softmax(x);
    return tf.exp(tf.sub(x, tf.logSumExp(x, axes, true)));
  }

  override getConfig(): JsonObject {
    const config: SoftmaxConfig = { ...(super.getConfig() as LayerConfig), axis: this.axis };
    return config;
  }

  static fromConfig(config: JsonObject): Softmax {
    return new Softmax(config as SoftmaxConfig);
  }
}

export function softmax(args: SoftmaxArgs = {}): Softmax {
  return new Softmax(args);
}
