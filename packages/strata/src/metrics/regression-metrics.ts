// Regression metrics: the mean over samples of the per-sample squared / absolute error.
import type { Tensor } from '../runtime/tf.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { meanAbsoluteError } from '../losses/mean-absolute-error.js';
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
