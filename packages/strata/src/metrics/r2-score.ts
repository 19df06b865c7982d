// R² (coefficient of determination) over an epoch (Keras 3 R2Score), per output column:
//   R² = 1 - sum(w (y - ŷ)²) / sum(w (y - ȳ)²), with ȳ the weighted mean of y,
// from running sums (sum w y, sum w y², sum w (y - ŷ)², sum w), so batches combine exactly.
// `classAggregation` averages the columns uniformly, weighted by their variance, or not at all;
// `numRegressors` p > 0 gives the adjusted R² 1 - (1 - R²)(n - 1)/(n - p - 1) when n > p + 1.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { sameShape, squeezeOrExpandToSameRank, toFloat } from '../losses/loss-utils.js';
import { Metric, type MetricConfig } from './metric.js';

export type R2Aggregation = 'uniform_average' | 'variance_weighted_average' | null;

export type R2ScoreConfig = MetricConfig & { classAggregation?: R2Aggregation; numRegressors?: number };

type Sums = { sum: tf.Variable; squaredSum: tf.Variable; residual: tf.Variable; count: tf.Variable };

export class R2Score extends Metric {
  static override readonly className = 'R2Score';
  readonly classAggregation: R2Aggregation;
  readonly numRegressors: number;
  /** Samples with a non-zero weight. */
  private readonly numSamples: tf.Variable;
  private sums: Sums | null = null;
  private outputs: number | null = null;

  constructor(config: R2ScoreConfig = {}) {
    super(config);
    const where = `Metric '${this.name}'`;
    const aggregation = config.classAggregation === undefined ? 'uniform_average' : config.classAggregation;
    if (aggregation !== null && aggregation !== 'uniform_average' && aggregation !== 'variance_weighted_average') {
      throw new ValueError(`${where}: expected classAggregation 'uniform_average', 'variance_weighted_average' or null, found ${JSON.stringify(aggregation)}.`);
    }
    const p = config.numRegressors ?? 0;
    if (!Number.isInteger(p) || p < 0) throw new ValueError(`${where}: expected numRegressors to be an integer >= 0, found ${JSON.stringify(p)}.`);
    this.classAggregation = aggregation;
    this.numRegressors = p;
    this.numSamples = this.addVariable();
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    const where = `Metric '${this.name}'`;
    tf.tidy(() => {
      let [y, yHat] = squeezeOrExpandToSameRank(toFloat(yTrue), toFloat(yPred));
      // One output given as [batch] (Keras requires [batch, outputs]; [batch] is taken as one column).
      if (y.rank === 1 && yHat.rank === 1) [y, yHat] = [tf.expandDims(y, 1), tf.expandDims(yHat, 1)];
      if (y.rank !== 2 || !sameShape(y.shape, yHat.shape)) {
        throw new ValueError(
          `${where}: expected yTrue and yPred of the same shape [batch, outputs], found ${formatShape(yTrue.shape)} and ${formatShape(yPred.shape)}.`,
        );
      }
      if (this.outputs !== null && y.shape[1] !== this.outputs) {
        throw new ValueError(`${where}: expected ${this.outputs} outputs as in earlier batches, found ${formatShape(yPred.shape)}.`);
      }
      if (this.sums === null) {
        // Variables outlive the tidy (tfjs does not track them in scopes).
        this.outputs = y.shape[1] as number;
        const shape = [this.outputs];
        this.sums = { sum: this.addVariable(shape), squaredSum: this.addVariable(shape), residual: this.addVariable(shape), count: this.addVariable(shape) };
      }
      const sums = this.sums;
      let w: Tensor = tf.onesLike(y);
      if (sampleWeight !== undefined) {
        let sw = toFloat(sampleWeight);
        if (sw.rank === 1) sw = tf.expandDims(sw, 1);
        w = tf.broadcastTo(sw, y.shape);
      }
      const wy = tf.mul(y, w);
      sums.sum.assign(tf.add(sums.sum, tf.sum(wy, 0)));
      sums.squaredSum.assign(tf.add(sums.squaredSum, tf.sum(tf.mul(y, wy), 0)));
      sums.residual.assign(tf.add(sums.residual, tf.sum(tf.mul(tf.square(tf.sub(y, yHat)), w), 0)));
      sums.count.assign(tf.add(sums.count, tf.sum(w, 0)));
      const weighted = tf.cast(tf.any(tf.notEqual(w, 0), -1), 'float32');
      this.numSamples.assign(tf.add(this.numSamples, tf.sum(weighted)));
    });
  }

  result(): Tensor {
    this.assertUsable();
    if (this.sums === null) return tf.scalar(0);
    const { sum, squaredSum, residual, count } = this.sums;
    return tf.tidy(() => {
      const mean = tf.div(sum, count);
      const total = tf.sub(squaredSum, tf.mul(sum, mean));
      let raw = tf.sub(1, tf.div(residual, total));
      // A constant column gives -inf (or nan); Keras reports 0 for the infinite case.
      raw = tf.where(tf.isInf(raw), tf.zerosLike(raw), raw);
      let r2: Tensor =
        this.classAggregation === 'uniform_average'
          ? tf.mean(raw)
          : this.classAggregation === 'variance_weighted_average'
            ? tf.div(tf.sum(tf.mul(total, raw)), tf.sum(total))
            : raw;
      if (this.numRegressors !== 0) {
        const n = this.numSamples;
        const dof = tf.sub(tf.sub(n, this.numRegressors), 1);
        const adjusted = tf.sub(1, tf.div(tf.mul(tf.sub(1, r2), tf.sub(n, 1)), dof));
        // With n <= p + 1 Keras warns and falls back to the plain score.
        r2 = tf.where(tf.greater(dof, 0), adjusted, r2);
      }
      return r2;
    });
  }

  override getConfig(): R2ScoreConfig {
    return { ...super.getConfig(), classAggregation: this.classAggregation, numRegressors: this.numRegressors };
  }

  static fromConfig(config: R2ScoreConfig): R2Score {
    return new R2Score(config);
  }
}
