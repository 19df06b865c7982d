// LayerNormalization (Keras 3): normalizes each sample over `axis` (default the last one) with
// its own mean and biased variance, out = gamma·(x - mean)/sqrt(var + epsilon) + beta; gamma and
// beta span the normalized axes. With `rmsScaling`, center/scale are ignored and
// out = x·gamma/sqrt(var + epsilon) (Keras' formula: the variance, not the mean square).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { JsonObject } from '../../saving/serialization.js';
import { AffineParams, broadcastShape, readAxisArg, readBoolean, readEpsilon, resolveAxes, type AffineArgs, type AffineConfig } from './affine-params.js';

export type LayerNormalizationArgs = LayerArgs &
  AffineArgs & {
    /** Axis or axes to normalize over (default -1). */
    axis?: number | number[];
    /** Added to the variance (default 1e-3). */
    epsilon?: number;
    rmsScaling?: boolean;
  };

export type LayerNormalizationConfig = LayerConfig &
  AffineConfig & {
    axis: number | number[];
    epsilon: number;
    rmsScaling: boolean;
  };

export class LayerNormalization extends Layer {
  static override readonly className = 'LayerNormalization';
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly rmsScaling: boolean;
  private readonly affine: AffineParams;
  /** The axes resolved against the input rank in build, in the order given. */
  private axes: number[] = [];
  gamma: Weight | null = null;
  beta: Weight | null = null;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const where = `LayerNormalization '${this.name}'`;
    this.axis = readAxisArg(args.axis, where, true);
    this.epsilon = readEpsilon(args.epsilon, where);
    this.rmsScaling = readBoolean(args.rmsScaling, 'rmsScaling', where, false);
    this.affine = new AffineParams(args, where);
    this.supportsMasking = true;
  }

  get center(): boolean {
    return this.affine.center;
  }
  get scale(): boolean {
    return this.affine.scale;
  }

  override build(inputShape: Shape): void {
    this.axes = resolveAxes(this.axis, inputShape, `LayerNormalization '${this.name}'`);
    const paramShape = this.axes.map((a) => inputShape[a] as number);
    ({ gamma: this.gamma, beta: this.beta } = this.affine.addWeights(this, paramShape, {
      gamma: this.scale || this.rmsScaling,
      beta: this.center && !this.rmsScaling,
    }));
    this.built = true;
  }

  call(inputs: LayerInputs, _options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    // gamma/beta are laid out in the order the axes were given; like Keras, reshape (not
    // transpose) them onto the input's axes.
    const shape = broadcastShape(x.rank, this.axes, x.shape);
    const { mean, variance } = tf.moments(x, this.axes, true);
    let k = tf.rsqrt(tf.add(variance, this.epsilon));
    if (this.gamma) k = tf.mul(k, tf.reshape(this.gamma.read(), shape));
    if (this.rmsScaling) return tf.mul(x, k);
    let offset = tf.neg(tf.mul(mean, k));
    if (this.beta) offset = tf.add(offset, tf.reshape(this.beta.read(), shape));
    return tf.add(tf.mul(x, k), offset);
  }

  override getConfig(): JsonObject {
    const config: LayerNormalizationConfig = {
      ...(super.getConfig() as LayerConfig),
      axis: this.axis,
      epsilon: this.epsilon,
      rmsScaling: this.rmsScaling,
      ...this.affine.getConfig(),
    };
    return config;
  }

  static fromConfig(config: JsonObject): LayerNormalization {
    return new LayerNormalization(config as LayerNormalizationConfig);
  }
}

export function layerNormalization(args: LayerNormalizationArgs = {}): LayerNormalization {
  return new LayerNormalization(args);
}
