// The initializer contract, and the argument checks every initializer shares.
import { ValueError, formatShape } from '../errors.js';
import type { DataType, Tensor } from '../runtime/tf.js';
import type { JsonObject, Serializable } from '../saving/serialization.js';

/**
 * Produces the initial value of a weight from its shape. Configs are camelCase in memory and
 * Keras-compatible in content; the saving layer converts keys to snake_case on disk.
 */
export abstract class Initializer implements Serializable {
  static readonly className: string = 'Initializer';

  abstract apply(shape: number[], dtype?: DataType): Tensor;

  getClassName(): string {
    return (this.constructor as unknown as { readonly className: string }).className;
  }

  getConfig(): JsonObject {
    return {};
  }
}

/** `seed` in a config: an integer-like number, or null for "unseeded" (as Keras writes it). */
export type SeedConfig = { seed?: number | null };

export function checkShape(shape: readonly number[], who: string): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(
      `${who}: expected a shape of non-negative integers, found ${Array.isArray(shape) ? formatShape(shape) : JSON.stringify(shape)}.`,
    );
  }
}

/** Random initializers draw floats only, as in Keras. */
export function checkFloatDtype(dtype: DataType, who: string): void {
  if (dtype !== 'float32') {
    throw new ValueError(`${who}: expected dtype 'float32' for random values, found '${dtype}'.`);
  }
}

/** Reads a numeric argument from user args or a loaded config; `undefined`/`null` give the default. */
export function readNumber(value: unknown, arg: string, who: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${who}: argument '${arg}' must be a finite number, found ${JSON.stringify(value)}.`);
  }
  return value;
}

export function readSeed(value: unknown, who: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(
      `${who}: argument 'seed' must be a finite number or null, found ${JSON.stringify(value)}.`,
    );
  }
  return value;
}
