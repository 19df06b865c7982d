// ReLU layer (Keras 3): x above `threshold` passes (clipped at `maxValue`), and below it the
// output is negativeSlope * (x - threshold). The defaults give max(x, 0).
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { constantOf } from '../core/stop-gradient.js';

export type ReLUArgs = LayerArgs & { maxValue?: number | null; negativeSlope?: number; threshold?: number };
export type ReLUConfig = LayerConfig & { maxValue: number | null; negativeSlope: number; threshold: number };

export class ReLU extends Layer {
  static override readonly className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    this.maxValue = args.maxValue ?? null;
    this.negativeSlope = args.negativeSlope ?? 0;
    this.threshold = args.threshold ?? 0;
    const check = (name: string, value: number | null, optional: boolean) => {
      if ((value === null && optional) || (typeof value === 'number' && value >= 0)) return;
      throw new ValueError(`ReLU '${this.name}': ${name} must be a number >= 0${optional ? ' or null' : ''}, found ${JSON.stringify(value)}.`);
    };
    check('maxValue', this.maxValue, true);
    check('negativeSlope', this.negativeSlope, false);
    check('threshold', this.threshold, false);
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    const { maxValue, negativeSlope: slope, threshold } = this;
    if (slope !== 0 && maxValue === null && threshold === 0) return tf.leakyRelu(x, slope);
    let y =
      threshold === 0
        ? tf.relu(x)
        : tf.mul(x, constantOf(x, (v) => tf.cast(tf.greater(v, threshold), v.dtype)));
    if (maxValue !== null) y = tf.clipByValue(y, 0, maxValue);
    if (slope !== 0) y = tf.sub(y, tf.mul(slope, tf.relu(tf.sub(threshold, x))));
    return y;
  }

  override getConfig(): JsonObject {
    const config: ReLUConfig = {
      ...(super.getConfig() as LayerConfig),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
    return config;
  }

  static fromConfig(config: JsonObject): ReLU {
    return new ReLU(config as ReLUConfig);
  }
}

export function reLU(args: ReLUArgs = {}): ReLU {
  return new ReLU(args);
}
