// What the noise layers share: argument checks, and the per-call seed stream of a seeded layer.
import { ValueError } from '../../errors.js';

/** A drop rate in [0, 1): 1 would drop everything (and divide by zero in the rescaling). */
export function readRate(value: unknown, where: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ValueError(`${where}: argument 'rate' must be a number in [0, 1), found ${typeof value === 'number' ? value : JSON.stringify(value)}.`);
  }
  return value;
}

export function readSeed(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ValueError(`${where}: argument 'seed' must be an integer or null, found ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * Keras' SeedGenerator in miniature: a seeded layer draws a different but reproducible seed on
 * every call (the same stream as core Dropout); an unseeded one leaves the choice to tfjs, which
 * seeds from Math.random.
 */
export class SeedStream {
  private state: number;

  constructor(private readonly seed: number | null) {
    this.state = seed ?? 0;
  }

  next(): number | undefined {
    if (this.seed === null) return undefined;
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state;
  }
}
