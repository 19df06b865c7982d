// 'accuracy' / 'crossentropy' whose variant (binary, categorical, sparse) is chosen from the
// loss and, when the loss does not decide it, from the shapes of the first batch (as Keras).
import type { Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import type { Loss } from '../losses/loss.js';
import { BinaryCrossentropy as BinaryCrossentropyLoss, binaryCrossentropy } from '../losses/binary-crossentropy.js';
import { categoricalCrossentropy } from '../losses/categorical-crossentropy.js';
import {
  SparseCategoricalCrossentropy as SparseCategoricalCrossentropyLoss,
  sparseCategoricalCrossentropy,
} from '../losses/sparse-categorical-crossentropy.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy-metrics.js';
import { MeanMetricWrapper } from './mean.js';
import type { MetricConfig } from './metric.js';

export type InferredKind = 'accuracy' | 'crossentropy';
export type LabelEncoding = 'binary' | 'categorical' | 'sparse';

/** The loss decides for binary and sparse crossentropy; anything else waits for the data. */
export function encodingFromLoss(loss: Loss | undefined): LabelEncoding | null {
  if (loss instanceof BinaryCrossentropyLoss) return 'binary';
  if (loss instanceof SparseCategoricalCrossentropyLoss) return 'sparse';
  return null;
}

/**
 * Keras' shape rule: one output unit → binary; labels of lower rank than the predictions, or
 * a trailing 1 against several classes → sparse; otherwise categorical (one-hot).
 */
export function encodingFromShapes(yTrueShape: readonly number[], yPredShape: readonly number[]): LabelEncoding {
  const predLast = yPredShape[yPredShape.length - 1];
  const trueLast = yTrueShape[yTrueShape.length - 1];
  if (yPredShape.length === 0 || predLast === 1) return 'binary';
  if (yTrueShape.length < yPredShape.length || (trueLast === 1 && predLast > 1)) return 'sparse';
  return 'categorical';
}

export type InferredMetricConfig = MetricConfig & {
  kind?: InferredKind;
  /** null until resolved. */
  encoding?: LabelEncoding | null;
  /** Used by the crossentropy kind only (taken from a crossentropy loss by getMetric). */
  fromLogits?: boolean;
};

export class InferredMetric extends MeanMetricWrapper {
  static override readonly className = 'InferredMetric';
  readonly kind: InferredKind;
  readonly fromLogits: boolean;
  private resolved: LabelEncoding | null;

  constructor(config: InferredMetricConfig = {}) {
    super({ name: config.name ?? config.kind ?? 'accuracy' });
    const kind = config.kind ?? 'accuracy';
    if (kind !== 'accuracy' && kind !== 'crossentropy') {
      throw new ValueError(`InferredMetric: expected kind 'accuracy' or 'crossentropy', found ${JSON.stringify(kind)}.`);
    }
    const encoding = config.encoding ?? null;
    if (encoding !== null && !['binary', 'categorical', 'sparse'].includes(encoding)) {
      throw new ValueError(`InferredMetric: expected encoding 'binary', 'categorical', 'sparse' or null, found ${JSON.stringify(encoding)}.`);
    }
    this.kind = kind;
    this.resolved = encoding;
    this.fromLogits = config.fromLogits ?? false;
  }

  /** The variant in use; null until the first batch when the loss did not decide it. */
  get encoding(): LabelEncoding | null {
    return this.resolved;
  }

  protected perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const encoding = (this.resolved ??= encodingFromShapes(yTrue.shape, yPred.shape));
    const fromLogits = this.fromLogits;
    if (this.kind === 'accuracy') {
      // Keras thresholds at 0.5 even when the loss takes logits; so do we, for parity.
      if (encoding === 'binary') return binaryAccuracy(yTrue, yPred);
      return encoding === 'sparse' ? sparseCategoricalAccuracy(yTrue, yPred) : categoricalAccuracy(yTrue, yPred);
    }
    if (encoding === 'binary') return binaryCrossentropy(yTrue, yPred, { fromLogits });
    if (encoding === 'sparse') return sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits });
    return categoricalCrossentropy(yTrue, yPred, { fromLogits });
  }

  override getConfig(): InferredMetricConfig {
    return { ...super.getConfig(), kind: this.kind, encoding: this.resolved, fromLogits: this.fromLogits };
  }

  static override fromConfig(config: InferredMetricConfig): InferredMetric {
    return new InferredMetric(config);
  }
}
