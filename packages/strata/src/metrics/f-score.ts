// F-beta and F1 scores over an epoch (Keras 3 FBetaScore / F1Score), for [batch, classes]
// labels and predictions. Per class: precision P = tp / (tp + fp), recall R = tp / (tp + fn),
// F = (1 + beta^2) P R / (beta^2 P + R). `average`: null gives one score per class, 'micro'
// pools the counts of all classes first, 'macro' takes the plain mean of the class scores,
// 'weighted' weighs them by each class's (weighted) number of true labels.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { EPSILON, toFloat } from '../losses/loss-utils.js';
import { Metric, type MetricConfig } from './metric.js';

export type FScoreAverage = 'micro' | 'macro' | 'weighted' | null;

export type FBetaScoreConfig = MetricConfig & {
  average?: FScoreAverage;
  beta?: number;
  /** Predictions above it are positive; null (default) marks each sample's highest score positive. */
  threshold?: number | null;
};

type Counts = { tp: tf.Variable; fp: tf.Variable; fn: tf.Variable; support: tf.Variable };

export class FBetaScore extends Metric {
  static override readonly className: string = 'FBetaScore';
  readonly average: FScoreAverage;
  readonly beta: number;
  readonly threshold: number | null;
  private counts: Counts | null = null;
  private classes: number | null = null;

  constructor(config: FBetaScoreConfig = {}) {
    super({ ...config, name: config.name ?? 'fbeta_score' });
    const where = `Metric '${this.name}'`;
    const average = config.average ?? null;
    if (average !== null && !['micro', 'macro', 'weighted'].includes(average)) {
      throw new ValueError(`${where}: expected average to be null, 'micro', 'macro' or 'weighted', found ${JSON.stringify(config.average)}.`);
    }
    const beta = config.beta ?? 1;
    if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) {
      throw new ValueError(`${where}: expected beta to be a number > 0, found ${JSON.stringify(config.beta)}.`);
    }
    const threshold = config.threshold ?? null;
    if (threshold !== null && !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)) {
      throw new ValueError(`${where}: expected threshold in (0, 1] or null, found ${JSON.stringify(config.threshold)}.`);
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  /** The variables are [classes] ([] for 'micro'), created on the first batch. */
  private build(classes: number): Counts {
    const shape = this.average === 'micro' ? [] : [classes];
    this.classes = classes;
    return { tp: this.addVariable(shape), fp: this.addVariable(shape), fn: this.addVariable(shape), support: this.addVariable(shape) };
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    const where = `Metric '${this.name}'`;
    if (yPred.rank !== 2 || yTrue.rank !== 2 || yTrue.shape[1] !== yPred.shape[1]) {
      throw new ValueError(
        `${where}: expected yTrue and yPred of the same shape [batch, classes], found ${formatShape(yTrue.shape)} and ${formatShape(yPred.shape)}.`,
      );
    }
    if (this.classes !== null && yPred.shape[1] !== this.classes) {
      throw new ValueError(`${where}: expected ${this.classes} classes as in earlier batches, found ${formatShape(yPred.shape)}.`);
    }
    const counts = (this.counts ??= this.build(yPred.shape[1] as number));
    tf.tidy(() => {
      const t = toFloat(yTrue);
      let p = toFloat(yPred);
      // Without a threshold the top score is positive, unless it is 0 (all-zero rows stay negative).
      p =
        this.threshold === null
          ? tf.cast(tf.logicalAnd(tf.greaterEqual(p, tf.max(p, -1, true)), tf.greater(tf.abs(p), 1e-9)), 'float32')
          : tf.cast(tf.greater(p, this.threshold), 'float32');
      let w: Tensor | null = null;
      if (sampleWeight !== undefined) {
        w = toFloat(sampleWeight);
        while (w.rank < 2) w = tf.expandDims(w, -1);
      }
      const axis = this.average === 'micro' ? undefined : 0;
      const total = (x: Tensor) => tf.sum(w === null ? x : tf.mul(x, w), axis);
      const add = (v: tf.Variable, x: Tensor) => v.assign(tf.add(v, total(x)));
      add(counts.tp, tf.mul(p, t));
      add(counts.fp, tf.mul(p, tf.sub(1, t)));
      add(counts.fn, tf.mul(tf.sub(1, p), t));
      add(counts.support, t);
    });
  }

  /** As Keras: epsilon (1e-7) in each denominator rather than divide-no-nan. */
  result(): Tensor {
    this.assertUsable();
    if (this.counts === null) return tf.scalar(0);
    const { tp, fp, fn, support } = this.counts;
    return tf.tidy(() => {
      const precision = tf.div(tp, tf.add(tf.add(tp, fp), EPSILON));
      const recall = tf.div(tp, tf.add(tf.add(tp, fn), EPSILON));
      const b2 = this.beta * this.beta;
      const score = tf.mul(tf.div(tf.mul(precision, recall), tf.add(tf.add(tf.mul(b2, precision), recall), EPSILON)), 1 + b2);
      if (this.average === 'weighted') return tf.sum(tf.mul(score, tf.div(support, tf.add(tf.sum(support), EPSILON))));
      if (this.average !== null) return tf.mean(score);
      return score;
    });
  }

  override getConfig(): FBetaScoreConfig {
    return { ...super.getConfig(), average: this.average, beta: this.beta, threshold: this.threshold };
  }

  static fromConfig(config: FBetaScoreConfig): FBetaScore {
    return new FBetaScore(config);
  }
}

export type F1ScoreConfig = Omit<FBetaScoreConfig, 'beta'>;

/** FBetaScore with beta = 1: the harmonic mean of precision and recall. */
export class F1Score extends FBetaScore {
  static override readonly className: string = 'F1Score';

  constructor(config: F1ScoreConfig = {}) {
    super({ ...config, beta: 1, name: config.name ?? 'f1_score' });
  }

  override getConfig(): F1ScoreConfig {
    const { beta: _beta, ...rest } = super.getConfig();
    return rest;
  }

  static override fromConfig(config: F1ScoreConfig): F1Score {
    return new F1Score(config);
  }
}
