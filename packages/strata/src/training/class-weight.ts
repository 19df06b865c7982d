// fit({classWeight}): per-class loss weights, turned into per-sample weights from the targets as
// Keras 3 does — the class of a sample is argmax(y) for one-hot targets, round(y) for class
// indices ([n] or [n, 1]); a class missing from the record weighs 1. Computed on the device.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';

/** Class index → weight, e.g. `{0: 1, 1: 5}` to count class 1 five times as much. */
export type ClassWeight = { [classIndex: number]: number };

/** Checks the record and returns it as a dense vector (missing classes weigh 1). */
export function classWeightVector(classWeight: ClassWeight, where = 'fit()'): number[] {
  if (typeof classWeight !== 'object' || classWeight === null || Array.isArray(classWeight)) {
    throw new ValueError(`${where}: classWeight must be a record of class index → weight, e.g. {0: 1, 1: 5}; found ${JSON.stringify(classWeight)}.`);
  }
  const entries = Object.entries(classWeight);
  if (entries.length === 0) throw new ValueError(`${where}: classWeight is empty; give a weight for at least one class or leave it out.`);
  const dense: number[] = [];
  for (const [key, weight] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || String(index) !== key) {
      throw new ValueError(`${where}: classWeight keys must be class indices (0, 1, 2, ...), found '${key}'.`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ValueError(`${where}: classWeight[${key}] must be a finite number >= 0, found ${JSON.stringify(weight)}.`);
    }
    while (dense.length <= index) dense.push(1);
    dense[index] = weight;
  }
  return dense;
}

/** Per-sample weights [n] for targets y ([n], [n, 1] class indices or [n, k] one-hot). */
export function classWeightsToSampleWeights(y: Tensor, weights: readonly number[], where = 'fit()'): Tensor {
  if (y.rank < 1 || y.rank > 2) {
    throw new ValueError(`${where}: classWeight needs targets of shape [samples] or [samples, classes], found ${formatShape(y.shape)}.`);
  }
  return tf.tidy(() => {
    const classes =
      y.rank === 2 && y.shape[1] !== 1
        ? tf.argMax(y, -1)
        : tf.cast(tf.round(tf.cast(tf.reshape(y, [y.shape[0]]), 'float32')), 'int32');
    const table = tf.tensor1d([...weights], 'float32');
    // Classes beyond the table (or negative) weigh 1, as a missing key does.
    const inRange = tf.logicalAnd(tf.greaterEqual(classes, 0), tf.less(classes, weights.length));
    const safe = tf.where(inRange, classes, tf.zerosLike(classes));
    return tf.where(inRange, tf.gather(table, safe), tf.ones([y.shape[0]]));
  });
}
