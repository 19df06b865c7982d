// Deterministic test data: a small seeded generator (mulberry32) in plain JS, so inputs are the
// same on every run and every backend, and never come from the code under test.
import * as st from 'strata';

/** Returns a generator of floats in [0, 1) for a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** `count` uniform values in [low, high). */
export function randomValues(count: number, seed: number, range: readonly [number, number] = [-1, 1]): Float32Array {
  const next = seededRandom(seed);
  const [low, high] = range;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = low + (high - low) * next();
  return out;
}

/** A float32 tensor of the given shape with seeded uniform values. The caller disposes it. */
export function randomTensor(shape: readonly number[], seed: number, range: readonly [number, number] = [-1, 1]): st.Tensor {
  return st.tf.tensor(randomValues(size(shape), seed, range), [...shape], 'float32');
}

/**
 * Runs `body` with Math.random replaced by `source`, restoring it afterwards (also after an
 * async body settles). tfjs-core seeds every unseeded random op (initializers, dropout masks,
 * shuffling) from Math.random, so this makes a whole check reproducible.
 */
export async function withMathRandom<T>(source: () => number, body: () => T | Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = source;
  try {
    return await body();
  } finally {
    Math.random = original;
  }
}
