// Shape helpers shared by the losses and the metrics: Keras' rank alignment of labels and
// predictions, and the shape checks whose messages say what was expected and what was found.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';

/** Keras' probabilities are clipped to [EPSILON, 1 - EPSILON] before a log (backend.epsilon()). */
export const EPSILON = 1e-7;

/**
 * Keras' `squeeze_or_expand_to_same_rank`: when the ranks differ by one and the longer one ends
 * in 1, drop that axis, or (when the shorter is rank 1) add it to the shorter one.
 */
export function squeezeOrExpandToSameRank(a: Tensor, b: Tensor): [Tensor, Tensor] {
  const ra = a.rank;
  const rb = b.rank;
  if (ra === rb + 1 && a.shape[ra - 1] === 1) {
    return rb === 1 ? [a, tf.expandDims(b, -1)] : [tf.squeeze(a, [ra - 1]), b];
  }
  if (rb === ra + 1 && b.shape[rb - 1] === 1) {
    return ra === 1 ? [tf.expandDims(a, -1), b] : [a, tf.squeeze(b, [rb - 1])];
  }
  return [a, b];
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Aligns ranks as Keras does, then requires equal shapes. Rank-1 inputs (one value per
 * sample) get a trailing axis so that the per-sample result keeps its batch axis.
 */
export function alignSameShape(where: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  let [t, p] = squeezeOrExpandToSameRank(yTrue, yPred);
  if (!sameShape(t.shape, p.shape)) {
    throw new ValueError(
      `${where}: yTrue and yPred must have the same shape (up to a trailing axis of 1); ` +
        `expected yTrue of shape ${formatShape(yPred.shape)} to match yPred, found yTrue ${formatShape(yTrue.shape)}.`,
    );
  }
  if (p.rank === 0) {
    throw new ValueError(`${where}: expected yPred of rank >= 1 ([batch, ...]), found a scalar.`);
  }
  if (p.rank === 1) {
    t = tf.expandDims(t, -1);
    p = tf.expandDims(p, -1);
  }
  return [t, p];
}

/** Resolves a possibly negative axis against a rank, or says which axis was out of range. */
export function resolveAxis(where: string, axis: number, rank: number): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= rank) {
    throw new ValueError(`${where}: expected axis in [${-rank}, ${rank - 1}] for inputs of rank ${rank}, found ${axis}.`);
  }
  return resolved;
}

export function toFloat(x: Tensor): Tensor {
  return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
}

/** Options shared by the crossentropy losses and metrics (Keras' from_logits, label_smoothing, axis). */
export type CrossentropyOptions = { fromLogits?: boolean; labelSmoothing?: number; axis?: number };

/** Checks the options at construction so that a bad value fails at compile(), not mid-epoch. */
export function checkCrossentropyOptions(where: string, options: CrossentropyOptions): void {
  const { fromLogits, labelSmoothing, axis } = options;
  if (fromLogits !== undefined && typeof fromLogits !== 'boolean') {
    throw new ValueError(`${where}: expected fromLogits to be a boolean, found ${JSON.stringify(fromLogits)}.`);
  }
  if (labelSmoothing !== undefined && !(typeof labelSmoothing === 'number' && labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ValueError(`${where}: expected labelSmoothing in [0, 1], found ${JSON.stringify(labelSmoothing)}.`);
  }
  if (axis !== undefined && !Number.isInteger(axis)) {
    throw new ValueError(`${where}: expected axis to be an integer, found ${JSON.stringify(axis)}.`);
  }
}

/** One-hot labels: yTrue must have yPred's shape, and yPred must have a class axis. */
export function checkOneHotShapes(where: string, yTrue: Tensor, yPred: Tensor): void {
  if (yPred.rank < 2) {
    throw new ValueError(`${where}: expected yPred of shape [batch, ..., classes], found ${formatShape(yPred.shape)}.`);
  }
  if (sameShape(yTrue.shape, yPred.shape)) return;
  const looksSparse = yTrue.rank === yPred.rank - 1 || (yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1);
  throw new ValueError(
    `${where}: expected one-hot yTrue of the same shape as yPred ${formatShape(yPred.shape)}, ` +
      `found yTrue ${formatShape(yTrue.shape)}.` +
      (looksSparse ? ' For integer class labels use the sparse variant (sparseCategoricalCrossentropy, sparseCategoricalAccuracy).' : ''),
  );
}

/**
 * Integer class labels for yPred [batch, ..., classes]: yTrue of shape [batch, ...] or
 * [batch, ..., 1]. Returns the labels with the trailing 1 removed (dtype unchanged).
 */
export function alignSparseLabels(where: string, yTrue: Tensor, yPred: Tensor): Tensor {
  if (yPred.rank < 2) {
    throw new ValueError(`${where}: expected yPred of shape [batch, ..., classes], found ${formatShape(yPred.shape)}.`);
  }
  const expected = yPred.shape.slice(0, -1);
  const labels = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1 ? tf.squeeze(yTrue, [yTrue.rank - 1]) : yTrue;
  if (!sameShape(labels.shape, expected)) {
    const oneHotHint = sameShape(yTrue.shape, yPred.shape) ? ' For one-hot labels use the non-sparse variant (categoricalCrossentropy, categoricalAccuracy).' : '';
    throw new ValueError(
      `${where}: expected integer labels yTrue of shape ${formatShape(expected)} or ${formatShape([...expected, 1])} ` +
        `for yPred ${formatShape(yPred.shape)}, found yTrue ${formatShape(yTrue.shape)}.${oneHotHint}`,
    );
  }
  return labels;
}

/** A finite number option, checked at construction; `min` (inclusive) when given. */
export function checkFiniteOption(where: string, name: string, value: unknown, min?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (min !== undefined && value < min)) {
    const range = min === undefined ? 'a finite number' : `a finite number >= ${min}`;
    throw new ValueError(`${where}: expected ${name} to be ${range}, found ${JSON.stringify(value)}.`);
  }
  return value;
}
