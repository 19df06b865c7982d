// Confusion-matrix counts at a list of thresholds, accumulated on the device: the shared core of
// Precision, Recall, AUC and the TruePositives family (Keras 3 `update_confusion_matrix_variables`).
// A prediction is positive at threshold θ when it is > θ; a label is positive when it is non-zero.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { sameShape, squeezeOrExpandToSameRank, toFloat } from '../losses/loss-utils.js';

/** Keras' "minus infinity" for predictions outside the top k. */
export const NEG_INF = -1e10;

export type ConfusionVariables = { tp?: tf.Variable; fp?: tf.Variable; tn?: tf.Variable; fn?: tf.Variable };

export type ConfusionOptions = {
  thresholds: readonly number[];
  /** Keep only the k highest predictions of each sample (the rest become NEG_INF). */
  topK?: number | null;
  /** Count only this class (the last axis). */
  classId?: number | null;
  sampleWeight?: Tensor;
  /** Count each label (last axis of [batch, labels]) separately: variables of shape [thresholds, labels]. */
  multiLabel?: boolean;
  /** Per-label weights (last axis), when not multiLabel. */
  labelWeights?: Tensor | null;
  /**
   * Evenly spaced thresholds take Keras' bucketed path: predictions are clipped into [0, 1] and
   * the threshold index is ceil(p * (n - 1)) - 1 (floored at 0 when the thresholds extend by
   * epsilon past 0 and 1, as AUC's do).
   */
  bucketed?: { withEpsilon: boolean } | null;
};

/** Keras' test: at least 3 thresholds, each within 1e-7 of i / (n - 1). */
export function evenlySpaced(thresholds: readonly number[]): boolean {
  const n = thresholds.length;
  return n >= 3 && thresholds.every((t, i) => Math.abs(t - i / (n - 1)) <= 1e-7);
}

/** Checks thresholds given by a user: finite numbers in [0, 1]. */
export function checkThresholds(where: string, thresholds: unknown): number[] {
  const list = typeof thresholds === 'number' ? [thresholds] : thresholds;
  if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'number' && t >= 0 && t <= 1)) {
    throw new ValueError(`${where}: expected thresholds to be a number or a non-empty list of numbers in [0, 1], found ${JSON.stringify(thresholds)}.`);
  }
  return list as number[];
}

/** Keeps the k largest values along the last axis; the others become NEG_INF. */
function filterTopK(x: Tensor, k: number): Tensor {
  const classes = x.shape[x.rank - 1];
  const { indices } = tf.topk(x, Math.min(k, classes));
  const mask = tf.sum(tf.oneHot(indices, classes), -2);
  return tf.add(tf.mul(x, mask), tf.mul(NEG_INF, tf.sub(1, mask)));
}

/** x[..., id : id + 1] */
function sliceLast(x: Tensor, id: number): Tensor {
  const begin = x.shape.map((_, i) => (i === x.rank - 1 ? id : 0));
  const size = x.shape.map((d, i) => (i === x.rank - 1 ? 1 : d));
  return tf.slice(x, begin, size);
}

/** Sample weights broadcast to the predictions' shape (Keras: [batch] weights cover every label). */
function broadcastWeights(where: string, sampleWeight: Tensor, shape: number[]): Tensor {
  let w = toFloat(sampleWeight);
  if (w.rank === shape.length + 1 && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [w.rank - 1]);
  while (w.rank < shape.length) w = tf.expandDims(w, -1);
  if (w.rank !== shape.length || !w.shape.every((d, i) => d === 1 || d === shape[i])) {
    throw new ValueError(`${where}: expected sampleWeight broadcastable to ${formatShape(shape)}, found ${formatShape(sampleWeight.shape)}.`);
  }
  return tf.broadcastTo(w, shape);
}

/** Adds this batch's counts to `variables`. Call inside a tidy; reads nothing back. */
export function updateConfusionMatrix(where: string, variables: ConfusionVariables, yTrue: Tensor, yPred: Tensor, options: ConfusionOptions): void {
  let [p, t] = squeezeOrExpandToSameRank(toFloat(yPred), toFloat(yTrue));
  if (!sameShape(p.shape, t.shape)) {
    throw new ValueError(`${where}: expected yTrue of the same shape as yPred ${formatShape(yPred.shape)}, found ${formatShape(yTrue.shape)}.`);
  }
  let w = options.sampleWeight === undefined ? null : broadcastWeights(where, options.sampleWeight, p.shape);
  if (options.topK != null) p = filterTopK(p, options.topK);
  if (options.classId != null) {
    const classes = p.shape[p.rank - 1];
    if (p.rank < 2 || options.classId >= classes) {
      throw new ValueError(`${where}: classId ${options.classId} needs yPred of shape [batch, classes > ${options.classId}], found ${formatShape(p.shape)}.`);
    }
    [p, t] = [sliceLast(p, options.classId), sliceLast(t, options.classId)];
    if (w !== null) w = sliceLast(w, options.classId);
  }
  if (options.labelWeights && !options.multiLabel) {
    const lw = tf.broadcastTo(options.labelWeights, p.shape);
    w = w === null ? lw : tf.mul(w, lw);
  }
  if (options.multiLabel) {
    if (p.rank !== 2) throw new ValueError(`${where}: multiLabel needs yPred of shape [batch, labels], found ${formatShape(p.shape)}.`);
  } else {
    [p, t] = [tf.reshape(p, [-1]), tf.reshape(t, [-1])];
    if (w !== null) w = tf.reshape(w, [-1]);
  }
  const n = options.thresholds.length;
  // Put the threshold axis first: [n, ...predictions].
  const expand = (x: Tensor) => tf.expandDims(x, 0);
  const thresholdShape = [n, ...p.shape.map(() => 1)];
  let predPos: Tensor;
  if (options.bucketed) {
    let bucket = tf.sub(tf.ceil(tf.mul(tf.clipByValue(p, 0, 1), n - 1)), 1);
    if (options.bucketed.withEpsilon) bucket = tf.relu(bucket);
    predPos = tf.greaterEqual(expand(bucket), tf.reshape(tf.range(0, n, 1, 'float32'), thresholdShape));
  } else {
    predPos = tf.greater(expand(p), tf.reshape(tf.tensor1d([...options.thresholds]), thresholdShape));
  }
  const pos = tf.cast(predPos, 'float32');
  const neg = tf.sub(1, pos);
  const labelPos = tf.cast(tf.notEqual(t, 0), 'float32');
  const labelNeg = tf.sub(1, labelPos);
  const weighted = (x: Tensor) => expand(w === null ? x : tf.mul(x, w));
  const count = (pred: Tensor, label: Tensor) => tf.sum(tf.mul(pred, weighted(label)), 1);
  const add = (v: tf.Variable | undefined, pred: Tensor, label: Tensor) => {
    if (v !== undefined) v.assign(tf.add(v, count(pred, label)));
  };
  add(variables.tp, pos, labelPos);
  add(variables.fp, pos, labelNeg);
  add(variables.fn, neg, labelPos);
  add(variables.tn, neg, labelNeg);
}
