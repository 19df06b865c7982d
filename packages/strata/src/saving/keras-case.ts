// Configs are camelCase in memory and snake_case on disk (Keras and tfjs-layers files), so the
// same file reads in Keras, tfjs-layers and Strata. Only keys are converted: string values
// (layer names, activation names) are never touched.
import type { JsonValue } from './serialization.js';

export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function convertKeys(value: JsonValue | undefined, convert: (key: string) => string): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((v) => convertKeys(v, convert) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue | undefined } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[convert(k)] = convertKeys(v, convert);
    }
    return out;
  }
  return value;
}

export function toKerasKeys<T extends JsonValue>(value: T): JsonValue {
  return convertKeys(value, camelToSnake) ?? null;
}

export function fromKerasKeys<T extends JsonValue>(value: T): JsonValue {
  return convertKeys(value, snakeToCamel) ?? null;
}
