// Top-k accuracy: 1 when the true class is among the k highest predictions (Keras 3 semantics,
// tf.math.in_top_k: classes tied with the k-th score all count as in the top k; a non-finite
// score or a label outside [0, classes) counts as a miss).
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { alignSparseLabels, checkOneHotShapes, toFloat } from '../losses/loss-utils.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

/** 1 where fewer than k classes score strictly higher than the labelled one; shape = labels' shape. */
export function inTopK(labels: Tensor, yPred: Tensor, k: number): Tensor {
  const p = toFloat(yPred);
  const classes = p.shape[p.rank - 1];
  const index = tf.cast(labels, 'int32');
  const oneHot = tf.oneHot(tf.reshape(index, [-1]), classes);
  const flat = tf.reshape(p, [-1, classes]);
  const target = tf.sum(tf.mul(tf.cast(oneHot, 'float32'), flat), -1, true);
  const higher = tf.sum(tf.cast(tf.greater(flat, target), 'float32'), -1);
  const valid = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(tf.reshape(index, [-1]), 0), tf.less(tf.reshape(index, [-1]), classes)), tf.isFinite(tf.reshape(target, [-1])));
  const hit = tf.logicalAnd(tf.less(higher, k), valid);
  return tf.reshape(tf.cast(hit, 'float32'), labels.shape);
}

/** One-hot labels: the label is argmax(yTrue). */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  checkOneHotShapes("Metric 'top_k_categorical_accuracy'", yTrue, yPred);
  return inTopK(tf.argMax(yTrue, -1), yPred, k);
}

/** Integer labels of shape [batch, ...] or [batch, ..., 1]. */
export function sparseTopKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  const labels = alignSparseLabels("Metric 'sparse_top_k_categorical_accuracy'", yTrue, yPred);
  return inTopK(labels, yPred, k);
}

function checkK(where: string, k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new ValueError(`${where}: expected k to be an integer >= 1, found ${JSON.stringify(k)}.`);
  }
  return k;
}

export type TopKCategoricalAccuracyConfig = MetricConfig & { k?: number };

export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'TopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: TopKCategoricalAccuracyConfig = {}) {
    super(config);
    this.k = checkK(`Metric '${this.name}'`, config.k ?? 5);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return topKCategoricalAccuracy(yTrue, yPred, this.k);
  }
  override getConfig(): TopKCategoricalAccuracyConfig {
    return { ...super.getConfig(), k: this.k };
  }
  static override fromConfig(config: TopKCategoricalAccuracyConfig): TopKCategoricalAccuracy {
    return new TopKCategoricalAccuracy(config);
  }
}

export type SparseTopKCategoricalAccuracyConfig = MetricConfig & { k?: number };

export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: SparseTopKCategoricalAccuracyConfig = {}) {
    super(config);
    this.k = checkK(`Metric '${this.name}'`, config.k ?? 5);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return sparseTopKCategoricalAccuracy(yTrue, yPred, this.k);
  }
  override getConfig(): SparseTopKCategoricalAccuracyConfig {
    return { ...super.getConfig(), k: this.k };
  }
  static override fromConfig(config: SparseTopKCategoricalAccuracyConfig): SparseTopKCategoricalAccuracy {
    return new SparseTopKCategoricalAccuracy(config);
  }
}
