// Probabilistic metrics: the mean over samples of the KL divergence and the Poisson loss (the
// crossentropies live in crossentropy-metrics.ts).
import type { Tensor } from '../runtime/tf.js';
import { klDivergence } from '../losses/kl-divergence.js';
import { poisson } from '../losses/poisson.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

export type KLDivergenceConfig = MetricConfig;

export class KLDivergence extends MeanMetricWrapper {
  static override readonly className = 'KLDivergence';
  constructor(config: KLDivergenceConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return klDivergence(yTrue, yPred);
  }
  static override fromConfig(config: KLDivergenceConfig): KLDivergence {
    return new KLDivergence(config);
  }
}

export type PoissonConfig = MetricConfig;

export class Poisson extends MeanMetricWrapper {
  static override readonly className = 'Poisson';
  constructor(config: PoissonConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return poisson(yTrue, yPred);
  }
  static override fromConfig(config: PoissonConfig): Poisson {
    return new Poisson(config);
  }
}
