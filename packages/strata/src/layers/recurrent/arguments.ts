// Argument checks shared by the recurrent layers: each error names the argument, the value
// found and the layer.
import { ValueError } from '../../errors.js';

/** Checks a dropout rate argument: a number in [0, 1). */
export function checkRate(value: unknown, arg: string, where: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    const found = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new ValueError(`${where}: ${arg} must be a number in [0, 1), found ${found}.`);
  }
  return value;
}

/** Checks a positive integer argument (units, filters). */
export function checkPositiveInteger(value: unknown, arg: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`${where}: ${arg} must be a positive integer, found ${JSON.stringify(value)}.`);
  }
  return value;
}
