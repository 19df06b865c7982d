// Accuracy metrics: exact match, thresholded binary, one-hot argmax, integer-label argmax.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { alignSameShape, alignSparseLabels, checkOneHotShapes, toFloat } from '../losses/loss-utils.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

/** 1 where yTrue equals yPred exactly, else 0. */
export function accuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignSameShape("Metric 'accuracy'", toFloat(yTrue), toFloat(yPred));
  return tf.cast(tf.equal(t, p), 'float32');
}

/** 1 where (yPred > threshold) equals the 0/1 label, else 0. */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  const [t, p] = alignSameShape("Metric 'binary_accuracy'", toFloat(yTrue), toFloat(yPred));
  return tf.cast(tf.equal(t, tf.cast(tf.greater(p, threshold), 'float32')), 'float32');
}

/** 1 where argmax(yTrue) equals argmax(yPred) along the last axis (first index wins ties). */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  checkOneHotShapes("Metric 'categorical_accuracy'", yTrue, yPred);
  return tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32');
}

/** 1 where the integer label equals argmax(yPred) along the last axis. */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const labels = alignSparseLabels("Metric 'sparse_categorical_accuracy'", yTrue, yPred);
  return tf.cast(tf.equal(toFloat(labels), tf.cast(tf.argMax(yPred, -1), 'float32')), 'float32');
}

export type AccuracyConfig = MetricConfig;

export class Accuracy extends MeanMetricWrapper {
  static override readonly className = 'Accuracy';
  constructor(config: AccuracyConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return accuracy(yTrue, yPred);
  }
  static override fromConfig(config: AccuracyConfig): Accuracy {
    return new Accuracy(config);
  }
}

export type BinaryAccuracyConfig = MetricConfig & { threshold?: number };

export class BinaryAccuracy extends MeanMetricWrapper {
  static override readonly className = 'BinaryAccuracy';
  readonly threshold: number;
  constructor(config: BinaryAccuracyConfig = {}) {
    super(config);
    const threshold = config.threshold ?? 0.5;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      throw new ValueError(`BinaryAccuracy: expected threshold to be a finite number, found ${JSON.stringify(config.threshold)}.`);
    }
    this.threshold = threshold;
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return binaryAccuracy(yTrue, yPred, this.threshold);
  }
  override getConfig(): BinaryAccuracyConfig {
    return { ...super.getConfig(), threshold: this.threshold };
  }
  static override fromConfig(config: BinaryAccuracyConfig): BinaryAccuracy {
    return new BinaryAccuracy(config);
  }
}

export type CategoricalAccuracyConfig = MetricConfig;

export class CategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'CategoricalAccuracy';
  constructor(config: CategoricalAccuracyConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalAccuracy(yTrue, yPred);
  }
  static override fromConfig(config: CategoricalAccuracyConfig): CategoricalAccuracy {
    return new CategoricalAccuracy(config);
  }
}

export type SparseCategoricalAccuracyConfig = MetricConfig;

export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'SparseCategoricalAccuracy';
  constructor(config: SparseCategoricalAccuracyConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return sparseCategoricalAccuracy(yTrue, yPred);
  }
  static override fromConfig(config: SparseCategoricalAccuracyConfig): SparseCategoricalAccuracy {
    return new SparseCategoricalAccuracy(config);
  }
}
