// BatchNormalization (Keras 3 semantics): in training, normalizes each feature with the mean and
// (biased) variance of the current batch and moves the moving statistics towards them,
//   moving = moving · momentum + batch_stat · (1 - momentum);
// at inference (and when the layer is frozen, trainable = false) it uses the moving statistics.
// out = gamma · (x - mean) / sqrt(variance + epsilon) + beta.
// Weights, in Keras order: gamma, beta (trainable), moving_mean, moving_variance (not trainable).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { AffineParams, broadcastShape, readAxisArg, readEpsilon, resolveAxes, type AffineArgs, type AffineConfig } from './affine-params.js';

/** Keras adds its backend epsilon to the count of unmasked entries before dividing. */
const MASK_EPSILON = 1e-7;

export type BatchNormalizationArgs = LayerArgs &
  AffineArgs & {
    /** The feature axis (default -1). */
    axis?: number;
    /** Weight of the old value in the moving averages, in [0, 1] (default 0.99). */
    momentum?: number;
    /** Added to the variance (default 1e-3). */
    epsilon?: number;
    movingMeanInitializer?: InitializerIdentifier;
    movingVarianceInitializer?: InitializerIdentifier;
    /**
     * Keras' cross-replica statistics (TensorFlow backend). Strata trains on one device, where the
     * batch statistics already are global, so the flag is accepted and has no effect.
     */
    synchronized?: boolean;
  };

export type BatchNormalizationConfig = LayerConfig &
  AffineConfig & {
    axis: number;
    momentum: number;
    epsilon: number;
    movingMeanInitializer: SerializedObject;
    movingVarianceInitializer: SerializedObject;
  };

export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  private readonly affine: AffineParams;
  private readonly movingMeanInitializer: Initializer;
  private readonly movingVarianceInitializer: Initializer;
  gamma: Weight | null = null;
  beta: Weight | null = null;
  movingMean: Weight | null = null;
  movingVariance: Weight | null = null;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const where = `BatchNormalization '${this.name}'`;
    this.axis = singleAxis(readAxisArg(args.axis, where, true), where);
    const momentum = args.momentum ?? 0.99;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new ValueError(`${where}: argument 'momentum' must be a number in [0, 1], found ${typeof momentum === 'number' ? momentum : JSON.stringify(momentum)}.`);
    }
    this.momentum = momentum;
    this.epsilon = readEpsilon(args.epsilon, where);
    this.affine = new AffineParams(args, where);
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    this.supportsMasking = true;
  }

  get center(): boolean {
    return this.affine.center;
  }
  get scale(): boolean {
    return this.affine.scale;
  }

  override build(inputShape: Shape): void {
    const [axis] = resolveAxes(this.axis, inputShape, `BatchNormalization '${this.name}'`);
    const dim = inputShape[axis] as number;
    ({ gamma: this.gamma, beta: this.beta } = this.affine.addWeights(this, [dim]));
    this.movingMean = this.addWeight({ name: 'moving_mean', shape: [dim], initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight({
      name: 'moving_variance',
      shape: [dim],
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.inputSpec = [new InputSpec({ ndim: inputShape.length, axes: { [axis]: dim } })];
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    const axis = this.axis < 0 ? this.axis + x.rank : this.axis;
    const shape = broadcastShape(x.rank, [axis], x.shape);
    const reductionAxes = x.shape.map((_, i) => i).filter((i) => i !== axis);
    let mean: Tensor;
    let variance: Tensor;
    // A frozen layer runs in inference mode even in training (Keras 3).
    if (options.training && this.trainable) {
      ({ mean, variance } = this.batchMoments(x, reductionAxes, options.mask ?? null));
      this.updateMovingStatistics(tf.reshape(mean, [-1]), tf.reshape(variance, [-1]));
    } else {
      mean = tf.reshape(this.movingMean!.read(), shape);
      variance = tf.reshape(this.movingVariance!.read(), shape);
    }
    // gamma·(x - mean)·inv + beta, written as x·k + (beta - mean·k) with k = gamma·inv, as Keras does.
    let k = tf.rsqrt(tf.add(variance, this.epsilon));
    if (this.gamma) k = tf.mul(k, tf.reshape(this.gamma.read(), shape));
    let offset = tf.neg(tf.mul(mean, k));
    if (this.beta) offset = tf.add(offset, tf.reshape(this.beta.read(), shape));
    return tf.add(tf.mul(x, k), offset);
  }

  /** Mean and biased variance over the reduction axes (kept as size-1 axes); a mask drops entries. */
  private batchMoments(x: Tensor, reductionAxes: number[], mask: Tensor | null): { mean: Tensor; variance: Tensor } {
    if (mask === null) return tf.moments(x, reductionAxes, true);
    if (mask.rank !== x.rank - 1) {
      throw new ValueError(
        `BatchNormalization '${this.name}': the mask must have one axis less than the input; found mask shape ${formatShape(mask.shape)} for input shape ${formatShape(x.shape)}.`,
      );
    }
    // Keras: the mask covers every axis but the last and broadcasts over it.
    const weights = tf.expandDims(tf.cast(mask, x.dtype), -1);
    const count = tf.add(tf.sum(weights, reductionAxes, true), MASK_EPSILON);
    const mean = tf.div(tf.sum(tf.mul(weights, x), reductionAxes, true), count);
    const variance = tf.div(tf.sum(tf.mul(weights, tf.square(tf.sub(x, mean))), reductionAxes, true), count);
    return { mean, variance };
  }

  /**
   * moving ← moving·momentum + stat·(1 - momentum), once per training forward pass. Runs inside
   * the train step's gradient tape: the new values are computed from the batch statistics, but
   * nothing downstream of the loss reads them, so no gradient reaches them; `assign` only swaps
   * the variables' data (the tidy around `apply` frees the intermediates).
   */
  private updateMovingStatistics(mean: Tensor, variance: Tensor): void {
    const update = (weight: Weight, stat: Tensor) => {
      const next = tf.add(tf.mul(weight.read(), this.momentum), tf.mul(tf.cast(stat, weight.dtype), 1 - this.momentum));
      weight.write(next);
    };
    update(this.movingMean!, mean);
    update(this.movingVariance!, variance);
  }

  override getConfig(): JsonObject {
    const config: BatchNormalizationConfig = {
      ...(super.getConfig() as LayerConfig),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...this.affine.getConfig(),
      movingMeanInitializer: serialize(this.movingMeanInitializer),
      movingVarianceInitializer: serialize(this.movingVarianceInitializer),
    };
    return config;
  }

  static fromConfig(config: JsonObject): BatchNormalization {
    return new BatchNormalization(config as BatchNormalizationConfig);
  }
}

/** tf.keras 2 files may write the axis as a one-element list ([3]); Keras 3 takes one integer. */
function singleAxis(axis: number | number[], where: string): number {
  if (!Array.isArray(axis)) return axis;
  if (axis.length === 1) return axis[0];
  throw new ValueError(`${where}: argument 'axis' must be one integer (Keras 3 normalizes one feature axis), found ${JSON.stringify(axis)}.`);
}

export function batchNormalization(args: BatchNormalizationArgs = {}): BatchNormalization {
  return new BatchNormalization(args);
}
