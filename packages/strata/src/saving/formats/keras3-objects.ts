// Keras 3 wraps every serialized object as {module, class_name, config, registered_name}
// (keras/src/saving/serialization_lib.py). These helpers add and remove that wrapper.
import { camelToSnake, toKerasKeys } from '../keras-case.js';
import type { JsonObject, JsonValue, SerializedObject } from '../serialization.js';

/** Keys Keras 3 adds around an object's config that Strata's configs do not carry. */
const WRAPPER_KEYS = ['module', 'registered_name', 'shared_object_id', 'build_config', 'compile_config'];

export function isSerializedJson(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.class_name === 'string';
}

/** A shallow copy of a Keras object without its Keras 3 wrapper keys. */
export function stripKeras3Object(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!WRAPPER_KEYS.includes(k)) out[k] = v;
  return out;
}

/** {className, config} (camelCase) → Keras 3's wrapped, snake_case form. */
export function keras3Object(s: SerializedObject, module: string, options: { convertKeys?: boolean; registeredName?: string | null } = {}): JsonObject {
  return {
    module,
    class_name: s.className,
    config: options.convertKeys === false ? s.config : (toKerasKeys(s.config) as JsonObject),
    registered_name: options.registeredName ?? null,
  };
}

/** Config keys whose Keras spelling is not the plain snake_case of Strata's camelCase. */
const OPTIMIZER_KEYS: Record<string, string> = { beta1: 'beta_1', beta2: 'beta_2' };

/**
 * An optimizer config's keys in Keras spelling (beta_1, beta_2), which Keras 2, Keras 3 and
 * tfjs-layers (it camel-cases keys: beta_1 -> beta1) all accept; values untouched.
 */
export function optimizerKeysToKeras(config: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) out[OPTIMIZER_KEYS[key] ?? camelToSnake(key)] = toKerasKeys(value);
  }
  return out;
}

/** An optimizer config in Keras 3 spelling; a schedule learning rate gets its Keras wrapper. */
export function optimizerConfigToKeras3(config: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const kerasKey = OPTIMIZER_KEYS[key] ?? camelToSnake(key);
    if (key === 'learningRate' && value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.className === 'string') {
      out[kerasKey] = keras3Object({ className: value.className, config: (value.config ?? {}) as JsonObject }, 'keras.optimizers.schedules');
    } else {
      out[kerasKey] = value;
    }
  }
  return out;
}

/** Keras 3's DTypePolicy object for a dtype name. */
export function dtypePolicy(name: string): JsonObject {
  return { module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null };
}

/** The dtype name of a Keras 3 dtype policy (a plain string in Keras 2, tfjs and early Keras 3). */
export function dtypeFromPolicy(value: JsonValue | undefined): JsonValue | undefined {
  if (!isSerializedJson(value)) return value;
  const name = (value.config as JsonObject | undefined)?.name;
  if (typeof name !== 'string') return 'float32';
  // Mixed policies keep float32 variables; Strata computes in the variable dtype.
  return name.startsWith('mixed_') ? 'float32' : name;
}
