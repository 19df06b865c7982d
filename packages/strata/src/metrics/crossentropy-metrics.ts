// Crossentropy metrics: the mean over samples of the per-sample crossentropy losses.
import type { Tensor } from '../runtime/tf.js';
import { binaryCrossentropy } from '../losses/binary-crossentropy.js';
import { categoricalCrossentropy } from '../losses/categorical-crossentropy.js';
import { sparseCategoricalCrossentropy } from '../losses/sparse-categorical-crossentropy.js';
import { checkCrossentropyOptions } from '../losses/loss-utils.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

export type BinaryCrossentropyConfig = MetricConfig & { fromLogits?: boolean; labelSmoothing?: number; axis?: number };

export class BinaryCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: BinaryCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions("Metric 'binary_crossentropy'", config);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return binaryCrossentropy(yTrue, yPred, this);
  }
  override getConfig(): BinaryCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
  static override fromConfig(config: BinaryCrossentropyConfig): BinaryCrossentropy {
    return new BinaryCrossentropy(config);
  }
}

export type CategoricalCrossentropyConfig = MetricConfig & { fromLogits?: boolean; labelSmoothing?: number; axis?: number };

export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: CategoricalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions("Metric 'categorical_crossentropy'", config);
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = config.labelSmoothing ?? 0;
    this.axis = config.axis ?? -1;
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return categoricalCrossentropy(yTrue, yPred, this);
  }
  override getConfig(): CategoricalCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
  static override fromConfig(config: CategoricalCrossentropyConfig): CategoricalCrossentropy {
    return new CategoricalCrossentropy(config);
  }
}

export type SparseCategoricalCrossentropyConfig = MetricConfig & { fromLogits?: boolean; axis?: number };

export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly axis: number;
  constructor(config: SparseCategoricalCrossentropyConfig = {}) {
    super(config);
    checkCrossentropyOptions("Metric 'sparse_categorical_crossentropy'", config);
    this.fromLogits = config.fromLogits ?? false;
    this.axis = config.axis ?? -1;
  }
  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return sparseCategoricalCrossentropy(yTrue, yPred, this);
  }
  override getConfig(): SparseCategoricalCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, axis: this.axis };
  }
  static override fromConfig(config: SparseCategoricalCrossentropyConfig): SparseCategoricalCrossentropy {
    return new SparseCategoricalCrossentropy(config);
  }
}
