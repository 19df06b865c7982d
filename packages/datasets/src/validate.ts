// Argument checks shared by the loaders. Messages name the function, the argument and the value.
import { ValueError } from 'strata';

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** A count that must be a whole number >= `min` (1 unless stated). */
export function checkCount(where: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const wanted = min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new ValueError(`${where}: ${name} must be ${wanted}, got ${show(value)}.`);
  }
  return value;
}

/** A standard deviation: finite and >= 0. */
export function checkNoise(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${where}: noise must be a finite number >= 0, got ${show(value)}.`);
  }
  return value;
}

/** A PRNG seed: any safe integer (negative allowed). */
export function checkSeed(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ValueError(`${where}: seed must be an integer, got ${show(value)}.`);
  }
  return value;
}

/** A boolean switch. */
export function checkFlag(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ValueError(`${where}: ${name} must be true or false, got ${show(value)}.`);
  }
  return value;
}
