// Shared by the 2-D toy generators: the result type and turning point/label arrays into tensors.
import { tf } from 'strata';
import { SeededRandom } from './random.js';

export type ToyDataset = {
  /** float32 [n, 2] points. */
  xs: tf.Tensor2D;
  /** float32 targets: [n, 1] 0/1 for two-class sets, one-hot [n, classes] for spirals. */
  ys: tf.Tensor2D;
  /** The class of each point. */
  labels: Int32Array;
};

/** Points generated in class order, before shuffling. */
export type ToyPoints = { x: Float64Array; y: Float64Array; labels: Int32Array };

/** Adds N(0, noise²) to every coordinate, shuffles the rows, and builds the tensors. */
export function finishToySet(
  points: ToyPoints,
  noise: number,
  rng: SeededRandom,
  targets: 'binary' | { oneHot: number },
): ToyDataset {
  const n = points.labels.length;
  const order = rng.permutation(n); // shuffled so that any batch or validation tail mixes classes
  const coords = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = order[i];
    const dx = noise > 0 ? noise * rng.normal() : 0;
    const dy = noise > 0 ? noise * rng.normal() : 0;
    coords[2 * i] = points.x[src] + dx;
    coords[2 * i + 1] = points.y[src] + dy;
    labels[i] = points.labels[src];
  }
  const width = targets === 'binary' ? 1 : targets.oneHot;
  const ys = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    if (targets === 'binary') ys[i] = labels[i];
    else ys[i * width + labels[i]] = 1;
  }
  return { xs: tf.tensor2d(coords, [n, 2], 'float32'), ys: tf.tensor2d(ys, [n, width], 'float32'), labels };
}
