// Regression metrics: the mean over samples of a per-sample error (Keras 3 MeanMetricWrapper
// metrics): squared, absolute, absolute percentage, squared logarithmic, log-cosh, cosine.
import type { Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { meanAbsoluteError } from '../losses/mean-absolute-error.js';
import { meanAbsolutePercentageError } from '../losses/mean-absolute-percentage-error.js';
import { meanSquaredLogarithmicError } from '../losses/mean-squared-logarithmic-error.js';
import { logCosh } from '../losses/log-cosh.js';
import { cosineSimilarityValue } from '../losses/cosine-similarity.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

export type MeanSquaredErrorConfig = MetricConfig;

export class MeanSquaredError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredError';
  constructor(config: MeanSquaredErrorConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredError(yTrue, yPred);
  }
  static override fromConfig(config: MeanSquaredErrorConfig): MeanSquaredError {
    return new MeanSquaredError(config);
  }
}

export type MeanAbsoluteErrorConfig = MetricConfig;

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsoluteError';
  constructor(config: MeanAbsoluteErrorConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }
  static override fromConfig(config: MeanAbsoluteErrorConfig): MeanAbsoluteError {
    return new MeanAbsoluteError(config);
  }
}

export type MeanAbsolutePercentageErrorConfig = MetricConfig;

export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsolutePercentageError';
  constructor(config: MeanAbsolutePercentageErrorConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }
  static override fromConfig(config: MeanAbsolutePercentageErrorConfig): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(config);
  }
}

export type MeanSquaredLogarithmicErrorConfig = MetricConfig;

export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredLogarithmicError';
  constructor(config: MeanSquaredLogarithmicErrorConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredLogarithmicError(yTrue, yPred);
  }
  static override fromConfig(config: MeanSquaredLogarithmicErrorConfig): MeanSquaredLogarithmicError {
    return new MeanSquaredLogarithmicError(config);
  }
}

export type LogCoshErrorConfig = MetricConfig;

/** Keras names this metric 'logcosh' by default. */
export class LogCoshError extends MeanMetricWrapper {
  static override readonly className = 'LogCoshError';
  constructor(config: LogCoshErrorConfig = {}) {
    super({ ...config, name: config.name ?? 'logcosh' });
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return logCosh(yTrue, yPred);
  }
  static override fromConfig(config: LogCoshErrorConfig): LogCoshError {
    return new LogCoshError(config);
  }
}

export type CosineSimilarityConfig = MetricConfig & { axis?: number };

/** The mean cosine similarity (positive: 1 is the same direction), unlike the loss. */
export class CosineSimilarity extends MeanMetricWrapper {
  static override readonly className = 'CosineSimilarity';
  readonly axis: number;
  constructor(config: CosineSimilarityConfig = {}) {
    super(config);
    const axis = config.axis ?? -1;
    if (!Number.isInteger(axis)) {
      throw new ValueError(`Metric '${this.name}': expected axis to be an integer, found ${JSON.stringify(config.axis)}.`);
    }
    this.axis = axis;
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return cosineSimilarityValue(`Metric '${this.name}'`, yTrue, yPred, this.axis);
  }
  override getConfig(): CosineSimilarityConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
  static override fromConfig(config: CosineSimilarityConfig): CosineSimilarity {
    return new CosineSimilarity(config);
  }
}
