// Argument checks shared by the optimizers. Messages name the optimizer, the argument, the
// accepted range and the value found.
import { ValueError } from '../errors.js';
import type { JsonObject } from '../saving/serialization.js';

export type NumberRange = {
  min?: number;
  max?: number;
  /** When true, `min` itself is rejected. */
  minExclusive?: boolean;
  /** When true, `max` itself is rejected. */
  maxExclusive?: boolean;
};

function describeRange(range: NumberRange): string {
  const lo = range.min === undefined ? '(-inf' : `${range.minExclusive ? '(' : '['}${range.min}`;
  const hi = range.max === undefined ? 'inf)' : `${range.max}${range.maxExclusive ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

/** Returns `value` if it is a finite number inside `range`; otherwise throws a ValueError. */
export function checkNumber(where: string, arg: string, value: unknown, range: NumberRange = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.min === undefined || (range.minExclusive ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.maxExclusive ? value < range.max : value <= range.max));
  if (!ok) {
    throw new ValueError(
      `${where}: \`${arg}\` must be a number in ${describeRange(range)}, found ${JSON.stringify(value) ?? String(value)}.`,
    );
  }
  return value as number;
}

/** Like `checkNumber`, but `null`/`undefined` mean "not set" and give `null`. */
export function checkOptionalNumber(where: string, arg: string, value: unknown, range: NumberRange = {}): number | null {
  return value === null || value === undefined ? null : checkNumber(where, arg, value, range);
}

export function checkBoolean(where: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ValueError(`${where}: \`${arg}\` must be true or false, found ${JSON.stringify(value) ?? String(value)}.`);
  }
  return value;
}

/** The config keys every optimizer accepts (BaseOptimizerConfig). */
export const BASE_CONFIG_KEYS: readonly string[] = ['name', 'learningRate', 'weightDecay', 'clipnorm', 'clipvalue', 'globalClipnorm'];

/**
 * Keras 3 config keys that Strata does not implement, with the value that makes them inert.
 * Configs written by Keras carry them; they are accepted only at that value.
 */
const INERT_KERAS_KEYS: Record<string, (value: unknown) => boolean> = {
  useEma: (v) => v === false || v === null || v === undefined,
  emaMomentum: () => true, // ignored unless useEma
  emaOverwriteFrequency: (v) => v === null || v === undefined,
  lossScaleFactor: (v) => v === null || v === undefined,
  gradientAccumulationSteps: (v) => v === null || v === undefined,
  isLegacyOptimizer: (v) => v === false || v === null || v === undefined,
};

/**
 * Prepares a config read from JSON for a constructor: drops inert Keras-only keys and rejects
 * unknown keys or Keras features Strata lacks, so a config never loses meaning silently.
 */
export function configToArgs(where: string, config: JsonObject, knownKeys: readonly string[]): JsonObject {
  const args: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (knownKeys.includes(key)) {
      args[key] = value;
    } else if (key in INERT_KERAS_KEYS) {
      if (!INERT_KERAS_KEYS[key](value)) {
        throw new ValueError(`${where}: config key \`${key}\` = ${JSON.stringify(value)} is not supported by Strata.`);
      }
    } else {
      throw new ValueError(`${where}: unknown config key \`${key}\`. Expected one of: ${[...knownKeys].sort().join(', ')}.`);
    }
  }
  return args;
}
