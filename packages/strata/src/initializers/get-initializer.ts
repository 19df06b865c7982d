// Resolving initializers from names (tfjs and Keras spellings), objects and serialized configs.
import { UnknownNameError, ValueError } from '../errors.js';
import {
  getRegisteredClass,
  type JsonObject,
  type SerializableClass,
  type SerializedObject,
} from '../saving/serialization.js';
import { Constant, Identity, Ones, Zeros } from './constant-initializers.js';
import { Initializer } from './initializer.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random-initializers.js';
import { VarianceScaling } from './variance-scaling.js';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform } from './variance-scaling-presets.js';

export type InitializerIdentifier = string | Initializer | SerializedObject;

type InitializerClass = { readonly className: string; fromConfig(config: JsonObject): Initializer };

export const BUILTIN_INITIALIZERS: readonly InitializerClass[] = [
  Zeros,
  Ones,
  Constant,
  Identity,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
];

const BY_CLASS_NAME = new Map<string, InitializerClass>(BUILTIN_INITIALIZERS.map((cls) => [cls.className, cls]));

/** Every other spelling, mapped to the Keras class name. Used for strings and for `className`. */
const ALIASES: Readonly<Record<string, string>> = {
  // tfjs-layers identifiers (camelCase).
  zeros: 'Zeros',
  ones: 'Ones',
  constant: 'Constant',
  identity: 'Identity',
  orthogonal: 'Orthogonal',
  randomNormal: 'RandomNormal',
  randomUniform: 'RandomUniform',
  truncatedNormal: 'TruncatedNormal',
  varianceScaling: 'VarianceScaling',
  glorotNormal: 'GlorotNormal',
  glorotUniform: 'GlorotUniform',
  heNormal: 'HeNormal',
  heUniform: 'HeUniform',
  leCunNormal: 'LecunNormal',
  leCunUniform: 'LecunUniform',
  // tfjs-layers class names, and what its loader makes of Keras' snake_case.
  LeCunNormal: 'LecunNormal',
  LeCunUniform: 'LecunUniform',
  lecunNormal: 'LecunNormal',
  lecunUniform: 'LecunUniform',
  // Keras snake_case names and Keras 3 aliases.
  random_normal: 'RandomNormal',
  random_uniform: 'RandomUniform',
  truncated_normal: 'TruncatedNormal',
  variance_scaling: 'VarianceScaling',
  glorot_normal: 'GlorotNormal',
  glorot_uniform: 'GlorotUniform',
  he_normal: 'HeNormal',
  he_uniform: 'HeUniform',
  lecun_normal: 'LecunNormal',
  lecun_uniform: 'LecunUniform',
  normal: 'RandomNormal',
  uniform: 'RandomUniform',
  one: 'Ones',
  zero: 'Zeros',
  OrthogonalInitializer: 'Orthogonal',
  IdentityInitializer: 'Identity',
};

/** Every name `getInitializer` accepts for a built-in. */
export function knownInitializerNames(): string[] {
  return [...BY_CLASS_NAME.keys(), ...Object.keys(ALIASES)];
}

function resolveClass(name: string): InitializerClass {
  const builtin = BY_CLASS_NAME.get(Object.hasOwn(ALIASES, name) ? ALIASES[name] : name);
  if (builtin) return builtin;
  // User classes registered with `registerClass` (e.g. 'MyPackage>MyInit').
  let registered: SerializableClass;
  try {
    registered = getRegisteredClass(name, 'initializer');
  } catch (e) {
    if (e instanceof UnknownNameError) throw new UnknownNameError('initializer', name, knownInitializerNames());
    throw e;
  }
  const proto: unknown = (registered as unknown as { prototype?: unknown }).prototype;
  if (!(proto instanceof Initializer)) {
    throw new ValueError(`getInitializer: '${name}' is registered, but as a class that does not extend Initializer.`);
  }
  return registered as unknown as InitializerClass;
}

/**
 * Resolves an initializer:
 * - an `Initializer` is returned as is;
 * - a string (tfjs 'glorotUniform', Keras 'GlorotUniform' or 'glorot_uniform') gives a new
 *   instance with default arguments;
 * - `{className, config}` (a config loaded from a file, keys already camelCase) is rebuilt.
 */
export function getInitializer(id: InitializerIdentifier): Initializer {
  if (id instanceof Initializer) return id;
  if (typeof id === 'string') return resolveClass(id).fromConfig({});
  if (typeof id === 'object' && id !== null && typeof id.className === 'string') {
    const config = id.config ?? {};
    if (typeof config !== 'object' || Array.isArray(config)) {
      throw new ValueError(
        `getInitializer: the config of '${id.className}' must be an object, found ${JSON.stringify(config)}.`,
      );
    }
    return resolveClass(id.className).fromConfig(config);
  }
  throw new ValueError(
    `getInitializer: expected an initializer name, an Initializer or {className, config}, found ${JSON.stringify(id)}.`,
  );
}
