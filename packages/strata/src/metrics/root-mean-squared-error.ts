// Root mean squared error: sqrt of the (weighted) mean over all samples of the squared error —
// the root is taken once over the epoch, not per batch.
import { tf, type Tensor } from '../runtime/tf.js';
import { squeezeOrExpandToSameRank, toFloat } from '../losses/loss-utils.js';
import { Mean } from './mean.js';
import type { MetricConfig } from './metric.js';

export type RootMeanSquaredErrorConfig = MetricConfig;

export class RootMeanSquaredError extends Mean {
  static override readonly className = 'RootMeanSquaredError';

  constructor(config: RootMeanSquaredErrorConfig = {}) {
    super(config);
  }

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    tf.tidy(() => {
      const [t, p] = squeezeOrExpandToSameRank(toFloat(yTrue), toFloat(yPred));
      this.update(tf.square(tf.sub(p, t)), sampleWeight);
    });
  }

  override result(): Tensor {
    return tf.tidy(() => tf.sqrt(super.result()));
  }

  static override fromConfig(config: RootMeanSquaredErrorConfig): RootMeanSquaredError {
    return new RootMeanSquaredError(config);
  }
}
