// Shared checks for callback options: unknown keys (for JavaScript callers, where the types do
// not reach) and the few value kinds the callbacks take.
import { ValueError } from '../../errors.js';

export function checkOptions(where: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${where}: expected an options object, found ${Array.isArray(options) ? 'an array' : typeof options}.`);
  }
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(`${where}: unknown option(s) ${unknown.map((k) => `'${k}'`).join(', ')}. Known options: ${known.join(', ')}.`);
  }
}

export function checkNumberOption(where: string, name: string, value: unknown, opts: { min?: number; max?: number; integer?: boolean; maxExclusive?: boolean } = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!opts.integer || Number.isInteger(value)) &&
    (opts.min === undefined || value >= opts.min) &&
    (opts.max === undefined || (opts.maxExclusive ? value < opts.max : value <= opts.max));
  if (!ok) {
    const range = [opts.min !== undefined ? `>= ${opts.min}` : '', opts.max !== undefined ? `${opts.maxExclusive ? '<' : '<='} ${opts.max}` : '']
      .filter(Boolean)
      .join(' and ');
    throw new ValueError(`${where}: ${name} must be ${opts.integer ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}, found ${JSON.stringify(value)}.`);
  }
  return value as number;
}

export function checkChoice<T extends string>(where: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new ValueError(`${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, found ${JSON.stringify(value)}.`);
  }
  return value as T;
}

export function checkVerbose(where: string, value: unknown): 0 | 1 {
  if (value !== 0 && value !== 1) throw new ValueError(`${where}: verbose must be 0 or 1, found ${JSON.stringify(value)}.`);
  return value;
}

/** Prints a callback's message (verbose mode), as Keras' print_msg. */
export function printMessage(message: string): void {
  console.log(message);
}
