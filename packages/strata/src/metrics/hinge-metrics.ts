// Hinge metrics: the mean over samples of the hinge, squared hinge and categorical hinge losses.
import type { Tensor } from '../runtime/tf.js';
import { hinge } from '../losses/hinge.js';
import { squaredHinge } from '../losses/squared-hinge.js';
import { categoricalHinge } from '../losses/categorical-hinge.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

export type HingeConfig = MetricConfig;

export class Hinge extends MeanMetricWrapper {
  static override readonly className = 'Hinge';
  constructor(config: HingeConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return hinge(yTrue, yPred);
  }
  static override fromConfig(config: HingeConfig): Hinge {
    return new Hinge(config);
  }
}

export type SquaredHingeConfig = MetricConfig;

export class SquaredHinge extends MeanMetricWrapper {
  static override readonly className = 'SquaredHinge';
  constructor(config: SquaredHingeConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return squaredHinge(yTrue, yPred);
  }
  static override fromConfig(config: SquaredHingeConfig): SquaredHinge {
    return new SquaredHinge(config);
  }
}

export type CategoricalHingeConfig = MetricConfig;

export class CategoricalHinge extends MeanMetricWrapper {
  static override readonly className = 'CategoricalHinge';
  constructor(config: CategoricalHingeConfig = {}) {
    super(config);
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalHinge(yTrue, yPred);
  }
  static override fromConfig(config: CategoricalHingeConfig): CategoricalHinge {
    return new CategoricalHinge(config);
  }
}
