// Area under the ROC or precision-recall curve over an epoch (Keras 3 AUC): confusion counts at
// numThresholds thresholds accumulate on the device, and the curve is integrated at the end by
// a Riemann sum whose heights are the mean of neighbouring points ('interpolation', the
// trapezoid rule), their minimum ('minoring') or maximum ('majoring'). PR with 'interpolation'
// uses Davis & Goadrich's interpolation between thresholds instead of a straight line.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { EPSILON } from '../losses/loss-utils.js';
import { Metric, type MetricConfig } from './metric.js';
import { checkThresholds, evenlySpaced, updateConfusionMatrix } from './confusion-matrix.js';

export type AUCCurve = 'ROC' | 'PR';
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

export type AUCConfig = MetricConfig & {
  numThresholds?: number;
  curve?: AUCCurve;
  summationMethod?: AUCSummationMethod;
  /** Explicit thresholds in [0, 1] (numThresholds is then their count + 2). */
  thresholds?: number[] | null;
  /** One curve per label (last axis of [batch, labels]), averaged at the end. */
  multiLabel?: boolean;
  numLabels?: number | null;
  /** Per-label weights: of the label AUCs when multiLabel, of the counts otherwise. */
  labelWeights?: number[] | null;
  /** Apply a sigmoid to the predictions first. */
  fromLogits?: boolean;
};

type Counts = { tp: tf.Variable; fp: tf.Variable; tn: tf.Variable; fn: tf.Variable };

export class AUC extends Metric {
  static override readonly className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly multiLabel: boolean;
  readonly fromLogits: boolean;
  readonly labelWeights: readonly number[] | null;
  /** Including -1e-7 and 1 + 1e-7 at the ends, so every prediction in [0, 1] is counted. */
  readonly thresholds: readonly number[];
  private readonly initThresholds: number[] | null;
  private readonly bucketed: boolean;
  private numLabelsValue: number | null;
  private counts: Counts | null = null;

  constructor(config: AUCConfig = {}) {
    super(config);
    const where = `Metric '${this.name}'`;
    this.curve = config.curve ?? 'ROC';
    if (this.curve !== 'ROC' && this.curve !== 'PR') throw new ValueError(`${where}: expected curve 'ROC' or 'PR', found ${JSON.stringify(config.curve)}.`);
    this.summationMethod = config.summationMethod ?? 'interpolation';
    if (!['interpolation', 'minoring', 'majoring'].includes(this.summationMethod)) {
      throw new ValueError(`${where}: expected summationMethod 'interpolation', 'minoring' or 'majoring', found ${JSON.stringify(config.summationMethod)}.`);
    }
    this.initThresholds = config.thresholds ?? null;
    let inner: number[];
    if (config.thresholds != null) {
      inner = [...checkThresholds(where, config.thresholds)].sort((a, b) => a - b);
      this.bucketed = evenlySpaced([0, ...inner, 1]);
    } else {
      const n = config.numThresholds ?? 200;
      if (!Number.isInteger(n) || n <= 1) throw new ValueError(`${where}: expected numThresholds to be an integer > 1, found ${JSON.stringify(config.numThresholds)}.`);
      inner = Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1));
      this.bucketed = true;
    }
    this.thresholds = [-EPSILON, ...inner, 1 + EPSILON];
    this.numThresholds = this.thresholds.length;
    this.multiLabel = config.multiLabel ?? false;
    this.fromLogits = config.fromLogits ?? false;
    this.labelWeights = config.labelWeights ?? null;
    this.numLabelsValue = config.numLabels ?? null;
    if (this.numLabelsValue !== null && !this.multiLabel) {
      throw new ValueError(`${where}: numLabels is needed only when multiLabel is true.`);
    }
    if (!this.multiLabel) this.build(null);
    else if (this.numLabelsValue !== null) this.build(this.numLabelsValue);
  }

  get numLabels(): number | null {
    return this.numLabelsValue;
  }

  private build(labels: number | null): void {
    const shape = labels === null ? [this.numThresholds] : [this.numThresholds, labels];
    this.numLabelsValue = labels;
    this.counts = { tp: this.addVariable(shape), fp: this.addVariable(shape), tn: this.addVariable(shape), fn: this.addVariable(shape) };
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    const where = `Metric '${this.name}'`;
    if (this.counts === null) {
      if (yPred.rank !== 2) throw new ValueError(`${where}: multiLabel needs yPred of shape [batch, labels], found rank ${yPred.rank}.`);
      this.build(yPred.shape[1] as number);
    }
    tf.tidy(() => {
      const p = this.fromLogits ? tf.sigmoid(yPred) : yPred;
      updateConfusionMatrix(where, this.counts!, yTrue, p, {
        thresholds: this.thresholds,
        sampleWeight,
        multiLabel: this.multiLabel,
        labelWeights: !this.multiLabel && this.labelWeights !== null ? tf.tensor1d([...this.labelWeights]) : null,
        bucketed: this.bucketed ? { withEpsilon: true } : null,
      });
    });
  }

  result(): Tensor {
    this.assertUsable();
    if (this.counts === null) return tf.scalar(0);
    return tf.tidy(() => {
      const terms = this.curve === 'PR' && this.summationMethod === 'interpolation' ? this.interpolatedPrTerms() : this.riemannTerms();
      return this.average(terms);
    });
  }

  /** Area slices between neighbouring thresholds: (x[i] - x[i+1]) * height. */
  private riemannTerms(): Tensor {
    const { tp, fp, tn, fn } = this.counts!;
    const recall = tf.divNoNan(tp, tf.add(tp, fn));
    const [x, y] =
      this.curve === 'ROC' ? [tf.divNoNan(fp, tf.add(fp, tn)), recall] : [recall, tf.divNoNan(tp, tf.add(tp, fp))];
    const [y0, y1] = [this.head(y), this.tail(y)];
    const heights =
      this.summationMethod === 'interpolation' ? tf.div(tf.add(y0, y1), 2) : this.summationMethod === 'minoring' ? tf.minimum(y0, y1) : tf.maximum(y0, y1);
    return tf.mul(tf.sub(this.head(x), this.tail(x)), heights);
  }

  /**
   * Davis & Goadrich: between neighbouring thresholds TP and P = TP + FP vary linearly, so
   * precision = TP / P follows a hyperbola whose area has the closed form
   * slope * (dTP + intercept * log(P_a / P_b)) / (TP + FN).
   */
  private interpolatedPrTerms(): Tensor {
    const { tp, fp, fn } = this.counts!;
    const dtp = tf.sub(this.head(tp), this.tail(tp));
    const p = tf.add(tp, fp);
    const [pA, pB] = [this.head(p), this.tail(p)];
    const slope = tf.divNoNan(dtp, tf.maximum(tf.sub(pA, pB), 0));
    const intercept = tf.sub(this.tail(tp), tf.mul(slope, pB));
    const bothPositive = tf.logicalAnd(tf.greater(pA, 0), tf.greater(pB, 0));
    const ratio = tf.where(bothPositive, tf.divNoNan(pA, tf.maximum(pB, 0)), tf.onesLike(pB));
    const area = tf.mul(slope, tf.add(dtp, tf.mul(intercept, tf.log(ratio))));
    return tf.divNoNan(area, tf.maximum(tf.add(this.tail(tp), this.tail(fn)), 0));
  }

  /** Sums the slices: one AUC, or the (weighted) mean of the label AUCs when multiLabel. */
  private average(terms: Tensor): Tensor {
    if (!this.multiLabel) return tf.sum(terms);
    const byLabel = tf.sum(terms, 0);
    if (this.labelWeights === null) return tf.mean(byLabel);
    const weights = tf.tensor1d([...this.labelWeights]);
    return tf.divNoNan(tf.sum(tf.mul(byLabel, weights)), tf.sum(weights));
  }

  /** Rows 0 .. n-2 and 1 .. n-1 along the threshold axis. */
  private head(x: Tensor): Tensor {
    return tf.slice(x, x.shape.map(() => 0), x.shape.map((d, i) => (i === 0 ? d - 1 : d)));
  }

  private tail(x: Tensor): Tensor {
    return tf.slice(x, x.shape.map((_, i) => (i === 0 ? 1 : 0)), x.shape.map((d, i) => (i === 0 ? d - 1 : d)));
  }

  override getConfig(): AUCConfig {
    return {
      ...super.getConfig(),
      numThresholds: this.numThresholds,
      curve: this.curve,
      summationMethod: this.summationMethod,
      thresholds: this.initThresholds,
      multiLabel: this.multiLabel,
      numLabels: this.numLabelsValue,
      labelWeights: this.labelWeights === null ? null : [...this.labelWeights],
      fromLogits: this.fromLogits,
    };
  }

  static fromConfig(config: AUCConfig): AUC {
    return new AUC(config);
  }
}
