// A small seeded PRNG so that every generator gives identical data for the same seed, on every
// platform and independent of tf's global random state.

/** Reduces any safe integer seed to 32 bits, folding the high bits in so that e.g. 1 and 2**32 + 1 differ. */
function seedTo32Bits(seed: number): number {
  const high = Math.floor(seed / 0x1_0000_0000);
  return ((seed >>> 0) ^ Math.imul(high >>> 0, 0x9e3779b9)) >>> 0;
}

/** Deterministic random numbers from mulberry32, a 32-bit-state generator. */
export class SeededRandom {
  private state: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.state = seedTo32Bits(seed);
  }

  /** A float uniformly drawn from [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 - u is in (0, 1]: log is finite
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** An integer uniformly drawn from [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Shuffles `values` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** A random ordering of 0 .. n-1. */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }
}
