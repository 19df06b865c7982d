// makeSpirals: `classes` interleaved spiral arms around the origin, a hard 2-D multi-class set.
import { SeededRandom } from './random.js';
import { finishToySet, type ToyDataset } from './toy-common.js';
import { checkCount, checkNoise, checkSeed } from './validate.js';

export type SpiralsOptions = {
  /** Total points (default 300), shared as evenly as possible among the classes (>= classes). */
  samples?: number;
  /** Number of arms, one per class (default 3, at least 2). */
  classes?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** PRNG seed (default 0). */
  seed?: number;
};

/**
 * Point i of an arm with m points has radius r = (i + 1) / m (so 0 < r <= 1) and angle
 * 2π·(class / classes + r): each arm makes one full turn, the arms rotated evenly apart.
 * ys is one-hot float32 [n, classes].
 */
export function makeSpirals(options: SpiralsOptions = {}): ToyDataset {
  const where = 'makeSpirals';
  const classes = checkCount(where, 'classes', options.classes ?? 3, 2);
  const samples = checkCount(where, 'samples', options.samples ?? 300, classes);
  const noise = checkNoise(where, options.noise ?? 0);
  const seed = checkSeed(where, options.seed ?? 0);
  const x = new Float64Array(samples);
  const y = new Float64Array(samples);
  const labels = new Int32Array(samples);
  let k = 0;
  for (let c = 0; c < classes; c++) {
    // The first (samples % classes) arms take one extra point.
    const m = Math.floor(samples / classes) + (c < samples % classes ? 1 : 0);
    for (let i = 0; i < m; i++, k++) {
      const r = (i + 1) / m;
      const theta = 2 * Math.PI * (c / classes + r);
      x[k] = r * Math.cos(theta);
      y[k] = r * Math.sin(theta);
      labels[k] = c;
    }
  }
  return finishToySet({ x, y, labels }, noise, new SeededRandom(seed), { oneHot: classes });
}
