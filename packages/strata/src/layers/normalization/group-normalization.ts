// GroupNormalization (Keras 3): splits the channels of `axis` into `groups` consecutive groups
// and normalizes each sample's group over the group's channels and every other non-batch axis;
// then gamma·x̂ + beta per channel. groups = 1 is close to LayerNormalization, groups = channels
// (or -1) is InstanceNormalization.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { JsonObject } from '../../saving/serialization.js';
import { AffineParams, readAxisArg, readEpsilon, resolveAxes, type AffineArgs, type AffineConfig } from './affine-params.js';

export type GroupNormalizationArgs = LayerArgs &
  AffineArgs & {
    /** Number of groups; must divide the channels; -1 means one group per channel (default 32). */
    groups?: number;
    /** The channel axis (default -1). */
    axis?: number;
    /** Added to the variance (default 1e-3). */
    epsilon?: number;
  };

export type GroupNormalizationConfig = LayerConfig &
  AffineConfig & {
    groups: number;
    axis: number;
    epsilon: number;
  };

export class GroupNormalization extends Layer {
  static override readonly className = 'GroupNormalization';
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  private readonly affine: AffineParams;
  /** Resolved in build: the channel axis and the number of groups (-1 becomes the channel count). */
  private channelAxis = -1;
  private groupCount = 0;
  gamma: Weight | null = null;
  beta: Weight | null = null;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    const where = `GroupNormalization '${this.name}'`;
    const groups = args.groups ?? 32;
    if (!Number.isInteger(groups) || (groups < 1 && groups !== -1)) {
      throw new ValueError(`${where}: argument 'groups' must be a positive integer or -1, found ${JSON.stringify(groups)}.`);
    }
    this.groups = groups;
    this.axis = readAxisArg(args.axis, where, false) as number;
    this.epsilon = readEpsilon(args.epsilon, where);
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
    const where = `GroupNormalization '${this.name}'`;
    const [axis] = resolveAxes(this.axis, inputShape, where);
    const channels = inputShape[axis] as number;
    const groups = this.groups === -1 ? channels : this.groups;
    if (groups > channels || channels % groups !== 0) {
      throw new ValueError(
        `${where}: argument 'groups' (${groups}) must divide the number of channels on axis ${this.axis}, found ${channels} channels.`,
      );
    }
    this.channelAxis = axis;
    this.groupCount = groups;
    ({ gamma: this.gamma, beta: this.beta } = this.affine.addWeights(this, [channels]));
    this.inputSpec = [new InputSpec({ ndim: inputShape.length, axes: { [axis]: channels } })];
    this.built = true;
  }

  call(inputs: LayerInputs, _options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    const axis = this.channelAxis;
    const groups = this.groupCount;
    const perGroup = x.shape[axis] / groups;
    // [..., C, ...] -> [..., groups, C/groups, ...]: channel c is in group floor(c / (C/groups)).
    const grouped = [...x.shape.slice(0, axis), groups, perGroup, ...x.shape.slice(axis + 1)];
    const xg = tf.reshape(x, grouped);
    const reductionAxes = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== axis);
    const { mean, variance } = tf.moments(xg, reductionAxes, true);
    // Per-channel gamma/beta laid out as [1, ..., groups, C/groups, ..., 1].
    const paramShape = grouped.map((d, i) => (i === axis || i === axis + 1 ? d : 1));
    let k = tf.rsqrt(tf.add(variance, this.epsilon));
    if (this.gamma) k = tf.mul(k, tf.reshape(this.gamma.read(), paramShape));
    let offset = tf.neg(tf.mul(mean, k));
    if (this.beta) offset = tf.add(offset, tf.reshape(this.beta.read(), paramShape));
    return tf.reshape(tf.add(tf.mul(xg, k), offset), x.shape);
  }

  override getConfig(): JsonObject {
    const config: GroupNormalizationConfig = {
      ...(super.getConfig() as LayerConfig),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      ...this.affine.getConfig(),
    };
    return config;
  }

  static fromConfig(config: JsonObject): GroupNormalization {
    return new GroupNormalization(config as GroupNormalizationConfig);
  }
}

export function groupNormalization(args: GroupNormalizationArgs = {}): GroupNormalization {
  return new GroupNormalization(args);
}
