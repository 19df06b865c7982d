// Intersection over union from a confusion matrix accumulated over an epoch (Keras 3 IoU /
// MeanIoU): for class c, IoU = tp / (tp + fp + fn). Rows of the matrix are true classes,
// columns predicted ones; labels or predictions outside [0, numClasses), and `ignoreClass`
// labels, are not counted.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { EPSILON, toFloat } from '../losses/loss-utils.js';
import { Metric, type MetricConfig } from './metric.js';

export type IoUConfig = MetricConfig & {
  numClasses: number;
  /** The classes whose IoU is averaged. */
  targetClassIds: number[];
  ignoreClass?: number | null;
  /** Labels are class ids (true) or one-hot / scores to argmax along `axis` (false). */
  sparseYTrue?: boolean;
  /** Predictions are class ids (true, Keras' default) or scores to argmax along `axis` (false). */
  sparseYPred?: boolean;
  axis?: number;
};

export type MeanIoUConfig = Omit<IoUConfig, 'targetClassIds'>;

/** IoU and MeanIoU: the confusion matrix and the mean over target classes. */
abstract class BaseIoU extends Metric {
  readonly numClasses: number;
  readonly targetClassIds: readonly number[];
  readonly ignoreClass: number | null;
  readonly sparseYTrue: boolean;
  readonly sparseYPred: boolean;
  readonly axis: number;
  private readonly matrix: tf.Variable;

  protected constructor(config: IoUConfig) {
    super(config);
    const where = `Metric '${this.name}'`;
    if (!Number.isInteger(config.numClasses) || config.numClasses < 1) {
      throw new ValueError(`${where}: expected numClasses to be an integer >= 1, found ${JSON.stringify(config.numClasses)}.`);
    }
    const ids = config.targetClassIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id >= 0 && id < config.numClasses)) {
      throw new ValueError(`${where}: expected targetClassIds to be class ids in [0, ${config.numClasses}), found ${JSON.stringify(ids)}.`);
    }
    this.numClasses = config.numClasses;
    this.targetClassIds = [...ids];
    this.ignoreClass = config.ignoreClass ?? null;
    this.sparseYTrue = config.sparseYTrue ?? true;
    this.sparseYPred = config.sparseYPred ?? true;
    this.axis = config.axis ?? -1;
    this.matrix = this.addVariable([this.numClasses, this.numClasses]);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    tf.tidy(() => {
      const t = tf.reshape(this.sparseYTrue ? toFloat(yTrue) : tf.cast(tf.argMax(yTrue, this.axis), 'float32'), [-1]);
      const p = tf.reshape(this.sparseYPred ? toFloat(yPred) : tf.cast(tf.argMax(yPred, this.axis), 'float32'), [-1]);
      if (t.size !== p.size) {
        throw new ValueError(
          `Metric '${this.name}': expected as many labels as predictions, found yTrue ${formatShape(yTrue.shape)} and yPred ${formatShape(yPred.shape)}.`,
        );
      }
      const inRange = (x: Tensor) => tf.logicalAnd(tf.greaterEqual(x, 0), tf.less(x, this.numClasses));
      let keep = tf.logicalAnd(inRange(t), inRange(p));
      if (this.ignoreClass !== null) keep = tf.logicalAnd(keep, tf.notEqual(t, this.ignoreClass));
      let w = tf.cast(keep, 'float32');
      if (sampleWeight !== undefined) w = tf.mul(w, this.flatWeights(sampleWeight, t.size));
      // Out-of-range ids one-hot to zero rows; their weight is 0 anyway.
      const oneHot = (x: Tensor) => tf.cast(tf.oneHot(tf.cast(x, 'int32'), this.numClasses), 'float32');
      const counts = tf.matMul(oneHot(t), tf.mul(oneHot(p), tf.expandDims(w, 1)), true, false);
      this.matrix.assign(tf.add(this.matrix, counts));
    });
  }

  /** Weights per element ([batch, ...] like the labels), per sample ([batch]) or one scalar, flattened. */
  private flatWeights(sampleWeight: Tensor, size: number): Tensor {
    const sw = tf.reshape(toFloat(sampleWeight), [-1]);
    if (sw.size === size) return sw;
    if (sw.size === 1) return tf.reshape(sw, []);
    if (sw.size > 0 && size % sw.size === 0) return tf.reshape(tf.broadcastTo(tf.reshape(sw, [-1, 1]), [sw.size, size / sw.size]), [-1]);
    throw new ValueError(`Metric '${this.name}': expected sampleWeight with one value per sample or per label, found ${formatShape(sampleWeight.shape)}.`);
  }

  /** Mean IoU over the target classes that occur (as label or prediction); absent classes are skipped. */
  result(): Tensor {
    this.assertUsable();
    return tf.tidy(() => {
      const predicted = tf.sum(this.matrix, 0);
      const actual = tf.sum(this.matrix, 1);
      const tp = tf.sum(tf.mul(this.matrix, tf.eye(this.numClasses)), 1);
      const ids = tf.tensor1d([...this.targetClassIds], 'int32');
      const union = tf.gather(tf.sub(tf.add(predicted, actual), tp), ids);
      const valid = tf.greater(union, 1e-9);
      const iou = tf.where(valid, tf.div(tf.gather(tp, ids), tf.add(union, EPSILON)), tf.zerosLike(union));
      return tf.div(tf.sum(iou), tf.add(tf.sum(tf.cast(valid, 'float32')), EPSILON));
    });
  }

  override getConfig(): MeanIoUConfig {
    return {
      ...super.getConfig(),
      numClasses: this.numClasses,
      ignoreClass: this.ignoreClass,
      sparseYTrue: this.sparseYTrue,
      sparseYPred: this.sparseYPred,
      axis: this.axis,
    };
  }
}

/** IoU averaged over `targetClassIds`. */
export class IoU extends BaseIoU {
  static override readonly className = 'IoU';

  constructor(config: IoUConfig) {
    super(config);
  }

  override getConfig(): IoUConfig {
    return { ...super.getConfig(), targetClassIds: [...this.targetClassIds] };
  }

  static fromConfig(config: IoUConfig): IoU {
    return new IoU(config);
  }
}

/** IoU averaged over every class. */
export class MeanIoU extends BaseIoU {
  static override readonly className = 'MeanIoU';

  constructor(config: MeanIoUConfig) {
    super({ ...config, targetClassIds: Array.from({ length: config.numClasses }, (_, i) => i) });
  }

  static fromConfig(config: MeanIoUConfig): MeanIoU {
    return new MeanIoU(config);
  }
}
