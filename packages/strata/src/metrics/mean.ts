// Mean: the (weighted) mean of values over all batches since the last reset (Keras 3 Mean).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { squeezeOrExpandToSameRank, toFloat } from '../losses/loss-utils.js';
import { Metric, type MetricConfig } from './metric.js';

export type MeanConfig = MetricConfig;

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * Keras' `reduce_to_samplewise_values` (with mean): values become one number per sample and
 * weights one weight per sample. Values are already multiplied by their weights.
 */
export function reduceToSamplewise(
  where: string,
  values: Tensor,
  sampleWeight?: Tensor | number,
): { values: Tensor; weights: Tensor | null } {
  let v = toFloat(values);
  let w: Tensor | null = null;
  if (sampleWeight !== undefined) {
    w = typeof sampleWeight === 'number' ? tf.scalar(sampleWeight) : toFloat(sampleWeight);
    [v, w] = squeezeOrExpandToSameRank(v, w);
    if (v.rank > w.rank) v = tf.mean(v, range(w.rank, v.rank));
    const wShape = w.shape;
    const broadcastable = wShape.length <= v.rank && wShape.every((d, i) => d === 1 || d === v.shape[v.rank - wShape.length + i]);
    if (!broadcastable) {
      throw new ValueError(
        `Metric '${where}': expected sampleWeight of shape ${formatShape(v.shape.slice(0, 1))} ` +
          `(or the values' shape ${formatShape(values.shape)}), found ${formatShape(wShape)}.`,
      );
    }
    w = tf.broadcastTo(w, v.shape);
    v = tf.mul(v, w);
    if (w.rank > 1) w = tf.mean(w, range(1, w.rank));
  }
  if (v.rank > 1) v = tf.mean(v, range(1, v.rank));
  return { values: v, weights: w };
}

export class Mean extends Metric {
  static override readonly className: string = 'Mean';
  protected readonly total: tf.Variable;
  protected readonly count: tf.Variable;

  constructor(config: MeanConfig = {}) {
    super(config);
    this.total = this.addVariable();
    this.count = this.addVariable();
  }

  /**
   * Adds values (any shape; one value per sample after averaging the trailing axes) with
   * optional weights. The engine passes a scalar batch loss with the batch size as its
   * weight, so the epoch loss is the mean over samples, as in Keras.
   */
  update(values: Tensor, sampleWeight?: Tensor | number): void {
    this.assertUsable();
    tf.tidy(() => {
      const { values: v, weights } = reduceToSamplewise(this.name, values, sampleWeight);
      const samples = weights !== null ? tf.sum(weights) : tf.scalar(v.rank >= 1 ? v.shape[0] : 1);
      this.total.assign(tf.add(this.total, tf.sum(v)));
      this.count.assign(tf.add(this.count, samples));
    });
  }

  /** A plain Mean has no (yTrue, yPred) form; the metrics built on it compute per-sample values. */
  updateState(_yTrue: Tensor, _yPred: Tensor, _sampleWeight?: Tensor): void {
    throw new ValueError(`Metric '${this.name}' (Mean) averages values: call update(values, sampleWeight), not updateState(yTrue, yPred).`);
  }

  /** total / count, and 0 before any update (Keras' divide_no_nan). */
  result(): Tensor {
    this.assertUsable();
    return tf.divNoNan(this.total, this.count);
  }

  static fromConfig(config: MeanConfig): Mean {
    return new Mean(config);
  }
}

/** A Mean over a per-sample function of (yTrue, yPred): the accuracies, mse, crossentropies. */
export abstract class MeanMetricWrapper extends Mean {
  /** One value per sample (extra trailing axes are averaged). */
  protected abstract perSample(yTrue: Tensor, yPred: Tensor): Tensor;

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    tf.tidy(() => this.update(this.perSample(yTrue, yPred), sampleWeight));
  }
}
