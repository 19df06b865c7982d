// Threshold metrics over an epoch (Keras 3): the four confusion counts, Precision and Recall.
// With one threshold the result is a scalar; with several, one value per threshold.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { Metric, type MetricConfig } from './metric.js';
import { NEG_INF, checkThresholds, evenlySpaced, updateConfusionMatrix, type ConfusionVariables } from './confusion-matrix.js';

/** A scalar for one threshold (Keras returns result[0]), else the vector. */
function perThreshold(values: Tensor, thresholds: readonly number[]): Tensor {
  return thresholds.length === 1 ? tf.reshape(values, []) : values;
}

function checkOptionalIndex(where: string, name: string, value: unknown, min: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValueError(`${where}: expected ${name} to be an integer >= ${min}, found ${JSON.stringify(value)}.`);
  }
  return value;
}

export type ConfusionCountConfig = MetricConfig & { thresholds?: number | number[] | null };

type CountKind = keyof ConfusionVariables;

/** One confusion count per threshold (default 0.5), weighted by the sample weights. */
abstract class ConfusionCount extends Metric {
  readonly thresholds: readonly number[];
  private readonly initThresholds: number | number[] | null;
  private readonly accumulator: tf.Variable;

  protected constructor(config: ConfusionCountConfig, private readonly kind: CountKind) {
    super(config);
    this.initThresholds = config.thresholds ?? null;
    this.thresholds = config.thresholds == null ? [0.5] : checkThresholds(`Metric '${this.name}'`, config.thresholds);
    this.accumulator = this.addVariable([this.thresholds.length]);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    tf.tidy(() =>
      updateConfusionMatrix(`Metric '${this.name}'`, { [this.kind]: this.accumulator }, yTrue, yPred, {
        thresholds: this.thresholds,
        sampleWeight,
        bucketed: evenlySpaced(this.thresholds) ? { withEpsilon: false } : null,
      }),
    );
  }

  result(): Tensor {
    this.assertUsable();
    return tf.tidy(() => perThreshold(tf.clone(this.accumulator), this.thresholds));
  }

  override getConfig(): ConfusionCountConfig {
    return { ...super.getConfig(), thresholds: this.initThresholds };
  }
}

export class TruePositives extends ConfusionCount {
  static override readonly className = 'TruePositives';
  constructor(config: ConfusionCountConfig = {}) {
    super(config, 'tp');
  }
  static fromConfig(config: ConfusionCountConfig): TruePositives {
    return new TruePositives(config);
  }
}

export class FalsePositives extends ConfusionCount {
  static override readonly className = 'FalsePositives';
  constructor(config: ConfusionCountConfig = {}) {
    super(config, 'fp');
  }
  static fromConfig(config: ConfusionCountConfig): FalsePositives {
    return new FalsePositives(config);
  }
}

export class TrueNegatives extends ConfusionCount {
  static override readonly className = 'TrueNegatives';
  constructor(config: ConfusionCountConfig = {}) {
    super(config, 'tn');
  }
  static fromConfig(config: ConfusionCountConfig): TrueNegatives {
    return new TrueNegatives(config);
  }
}

export class FalseNegatives extends ConfusionCount {
  static override readonly className = 'FalseNegatives';
  constructor(config: ConfusionCountConfig = {}) {
    super(config, 'fn');
  }
  static fromConfig(config: ConfusionCountConfig): FalseNegatives {
    return new FalseNegatives(config);
  }
}

export type PrecisionRecallConfig = MetricConfig & {
  /** Default 0.5, or -inf (keep every top-k prediction) when topK is set. */
  thresholds?: number | number[] | null;
  /** Count only the k highest predictions of each sample as candidates. */
  topK?: number | null;
  /** Count only this class (the last axis). */
  classId?: number | null;
};

/** Precision and Recall: two counts per threshold, then a ratio (0 when undefined). */
abstract class PrecisionRecallBase extends Metric {
  readonly thresholds: readonly number[];
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly initThresholds: number | number[] | null;
  protected readonly truePositives: tf.Variable;
  protected readonly other: tf.Variable;

  protected constructor(config: PrecisionRecallConfig, private readonly otherKind: 'fp' | 'fn') {
    super(config);
    const where = `Metric '${this.name}'`;
    this.topK = checkOptionalIndex(where, 'topK', config.topK, 1);
    this.classId = checkOptionalIndex(where, 'classId', config.classId, 0);
    this.initThresholds = config.thresholds ?? null;
    this.thresholds = config.thresholds == null ? [this.topK === null ? 0.5 : NEG_INF] : checkThresholds(where, config.thresholds);
    this.truePositives = this.addVariable([this.thresholds.length]);
    this.other = this.addVariable([this.thresholds.length]);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.assertUsable();
    tf.tidy(() =>
      updateConfusionMatrix(`Metric '${this.name}'`, { tp: this.truePositives, [this.otherKind]: this.other }, yTrue, yPred, {
        thresholds: this.thresholds,
        topK: this.topK,
        classId: this.classId,
        sampleWeight,
        bucketed: evenlySpaced(this.thresholds) ? { withEpsilon: false } : null,
      }),
    );
  }

  /** tp / (tp + fp) for precision, tp / (tp + fn) for recall; 0 where the denominator is 0. */
  result(): Tensor {
    this.assertUsable();
    return tf.tidy(() => perThreshold(tf.divNoNan(this.truePositives, tf.add(this.truePositives, this.other)), this.thresholds));
  }

  override getConfig(): PrecisionRecallConfig {
    return { ...super.getConfig(), thresholds: this.initThresholds, topK: this.topK, classId: this.classId };
  }
}

export class Precision extends PrecisionRecallBase {
  static override readonly className = 'Precision';
  constructor(config: PrecisionRecallConfig = {}) {
    super(config, 'fp');
  }
  static fromConfig(config: PrecisionRecallConfig): Precision {
    return new Precision(config);
  }
}

export class Recall extends PrecisionRecallBase {
  static override readonly className = 'Recall';
  constructor(config: PrecisionRecallConfig = {}) {
    super(config, 'fn');
  }
  static fromConfig(config: PrecisionRecallConfig): Recall {
    return new Recall(config);
  }
}
