// makeMoons: two interleaving half circles, the classic non-linearly separable 2-D set
// (same geometry as scikit-learn's make_moons).
import { SeededRandom } from './random.js';
import { finishToySet, type ToyDataset } from './toy-common.js';
import { checkCount, checkNoise, checkSeed } from './validate.js';

export type MoonsOptions = {
  /** Total points (default 100); class 0 gets floor(samples / 2), class 1 the rest. */
  samples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** PRNG seed (default 0). */
  seed?: number;
};

/** Evenly spaced angles from 0 to π inclusive (a single point sits at 0). */
function angle(i: number, count: number): number {
  return count > 1 ? (Math.PI * i) / (count - 1) : 0;
}

/**
 * Class 0 lies on the upper half of the unit circle centred at (0, 0); class 1 on the lower half
 * of the unit circle centred at (1, 0.5). ys is float32 [n, 1] holding 0 or 1.
 */
export function makeMoons(options: MoonsOptions = {}): ToyDataset {
  const where = 'makeMoons';
  const samples = checkCount(where, 'samples', options.samples ?? 100);
  const noise = checkNoise(where, options.noise ?? 0);
  const seed = checkSeed(where, options.seed ?? 0);
  const upper = Math.floor(samples / 2);
  const lower = samples - upper;
  const x = new Float64Array(samples);
  const y = new Float64Array(samples);
  const labels = new Int32Array(samples);
  for (let i = 0; i < upper; i++) {
    x[i] = Math.cos(angle(i, upper));
    y[i] = Math.sin(angle(i, upper));
  }
  for (let i = 0; i < lower; i++) {
    const k = upper + i;
    x[k] = 1 - Math.cos(angle(i, lower));
    y[k] = 0.5 - Math.sin(angle(i, lower));
    labels[k] = 1;
  }
  return finishToySet({ x, y, labels }, noise, new SeededRandom(seed), 'binary');
}
