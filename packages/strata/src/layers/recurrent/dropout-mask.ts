// Dropout masks of recurrent cells. Keras draws one mask per sequence and reuses it at every
// timestep (Gal & Ghahramani's variational dropout); a seeded cell draws a new mask on each
// call from a deterministic stream, as Keras' SeedGenerator does.
import { tf, type Tensor } from '../../runtime/tf.js';

/** A deterministic stream of seeds, or undefined seeds (tfjs draws from Math.random) without one. */
export class SeedStream {
  private state: number;
  constructor(readonly seed: number | null) {
    this.state = seed ?? 0;
  }

  next(): number | undefined {
    if (this.seed === null) return undefined;
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state;
  }
}

/** Keep-mask scaled by 1/(1-rate): entries are 0 or 1/(1-rate), so the expectation is 1. */
export function dropoutMask(shape: number[], rate: number, seeds: SeedStream): Tensor {
  const keep = 1 - rate;
  return tf.tidy(() => {
    const random = tf.randomUniform(shape, 0, 1, 'float32', seeds.next());
    return tf.mul(tf.cast(tf.less(random, keep), 'float32'), 1 / keep);
  });
}
