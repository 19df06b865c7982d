// One registry of serializable classes, keyed by an explicit `className` (never
// `constructor.name`, which minifiers rename). User classes register as 'Package>Name'.
import { UnknownNameError, ValueError } from '../errors.js';

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };

/** `{className, config}` in memory; written to disk as Keras' `{class_name, config}`. */
export type SerializedObject = { className: string; config: JsonObject };

export interface Serializable {
  /** The name this object is registered under. */
  getClassName(): string;
  getConfig(): JsonObject;
}

/** A class that can be rebuilt from its config. `fromConfig` takes the class's own config type. */
export interface SerializableClass<T extends Serializable = Serializable> {
  readonly className: string;
  fromConfig(config: JsonObject): T;
}

const registry = new Map<string, SerializableClass>();

/**
 * Registers a class for deserialization. Built-ins register under their `className`; user
 * classes pass `{package}` and are stored as 'Package>Name', as Keras does.
 */
export function registerClass(
  cls: SerializableClass,
  options: { package?: string; name?: string } = {},
): string {
  const name = options.name ?? cls.className;
  if (!name) throw new ValueError('registerClass: the class has no static className and no name was given.');
  const key = options.package ? `${options.package}>${name}` : name;
  registry.set(key, cls);
  return key;
}

export function isRegistered(name: string): boolean {
  return registry.has(name);
}

export function registeredNames(): string[] {
  return [...registry.keys()];
}

/** Finds a registered class by name; also accepts a bare name for 'Package>Name' entries. */
export function getRegisteredClass(name: string, kind = 'class'): SerializableClass {
  const direct = registry.get(name);
  if (direct) return direct;
  const suffixMatches = [...registry.keys()].filter((key) => key.endsWith(`>${name}`));
  if (suffixMatches.length === 1) return registry.get(suffixMatches[0])!;
  throw new UnknownNameError(kind, name, registeredNames());
}

export function serialize(obj: Serializable): SerializedObject {
  return { className: obj.getClassName(), config: obj.getConfig() };
}

export function deserialize<T extends Serializable>(serialized: SerializedObject, kind = 'class'): T {
  if (serialized === null || typeof serialized !== 'object' || typeof serialized.className !== 'string') {
    throw new ValueError(`Cannot deserialize ${kind}: expected {className, config}, found ${JSON.stringify(serialized)}.`);
  }
  const cls = getRegisteredClass(serialized.className, kind);
  return cls.fromConfig(serialized.config ?? {}) as T;
}
