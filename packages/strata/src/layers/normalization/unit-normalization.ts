// UnitNormalization (Keras 3): scales each sample to unit L2 norm over `axis` (default -1):
// out = x / sqrt(max(Σ x², 1e-12)), so an all-zero slice stays zero instead of becoming NaN.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { readAxisArg, resolveAxes } from './affine-params.js';

const MIN_SQUARE_SUM = 1e-12;

export type UnitNormalizationArgs = LayerArgs & {
  /** Axis or axes to normalize over (default -1). */
  axis?: number | number[];
};

export type UnitNormalizationConfig = LayerConfig & { axis: number | number[] };

export class UnitNormalization extends Layer {
  static override readonly className = 'UnitNormalization';
  readonly axis: number | number[];
  private axes: number[] = [];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    this.axis = readAxisArg(args.axis, `UnitNormalization '${this.name}'`, true);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    this.axes = resolveAxes(this.axis, inputShape, `UnitNormalization '${this.name}'`, { allowBatchAxis: true, needKnownSize: false });
    this.built = true;
  }

  call(inputs: LayerInputs, _options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    const squareSum = tf.sum(tf.square(x), this.axes, true);
    return tf.mul(x, tf.rsqrt(tf.maximum(squareSum, MIN_SQUARE_SUM)));
  }

  override getConfig(): JsonObject {
    const config: UnitNormalizationConfig = { ...(super.getConfig() as LayerConfig), axis: this.axis };
    return config;
  }

  static fromConfig(config: JsonObject): UnitNormalization {
    return new UnitNormalization(config as UnitNormalizationConfig);
  }
}

export function unitNormalization(args: UnitNormalizationArgs = {}): UnitNormalization {
  return new UnitNormalization(args);
}
