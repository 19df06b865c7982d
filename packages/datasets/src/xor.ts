// makeXor: points in the square [-1, 1]² labelled by the quadrant they fall in (XOR of the signs).
import { SeededRandom } from './random.js';
import { finishToySet, type ToyDataset } from './toy-common.js';
import { checkCount, checkNoise, checkSeed } from './validate.js';

export type XorOptions = {
  /** Total points (default 200); the four quadrants get equal shares (±1). */
  samples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate after labelling (default 0). */
  noise?: number;
  /** PRNG seed (default 0). */
  seed?: number;
};

/**
 * Label 1 where x and y have opposite signs (sign(x)·sign(y) = -1), 0 where they agree.
 * Clean points never lie on an axis. ys is float32 [n, 1] holding 0 or 1.
 */
export function makeXor(options: XorOptions = {}): ToyDataset {
  const where = 'makeXor';
  const samples = checkCount(where, 'samples', options.samples ?? 200);
  const noise = checkNoise(where, options.noise ?? 0);
  const seed = checkSeed(where, options.seed ?? 0);
  const rng = new SeededRandom(seed);
  const x = new Float64Array(samples);
  const y = new Float64Array(samples);
  const labels = new Int32Array(samples);
  // Quadrants in turn: (+,+) (-,+) (-,-) (+,-); magnitudes in (0, 1] so no point sits on an axis.
  const signs = [
    [1, 1],
    [-1, 1],
    [-1, -1],
    [1, -1],
  ] as const;
  for (let i = 0; i < samples; i++) {
    const [sx, sy] = signs[i % 4];
    x[i] = sx * (1 - rng.uniform());
    y[i] = sy * (1 - rng.uniform());
    labels[i] = sx === sy ? 0 : 1;
  }
  return finishToySet({ x, y, labels }, noise, rng, 'binary');
}
