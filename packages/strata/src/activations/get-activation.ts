// Looking activations up by any of their spellings, and writing them back as Keras names.
import { UnknownNameError, ValueError } from '../errors.js';
import { ACTIVATION_NAMES, type Activation, type ActivationIdentifier, type ActivationName } from './activation.js';
import { BUILTIN_ACTIVATIONS } from './builtins.js';

/**
 * The name written to files. Keras snake_case, which Keras 3 reads directly and tfjs-layers reads
 * after its loader camel-cases string values. `swish` is written as 'swish' (not Keras 3's
 * 'silu') because Keras 2, Keras 3 and tfjs-layers all read 'swish'.
 */
const FILE_NAMES: Readonly<Record<ActivationName, string>> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  leakyRelu: 'leaky_relu',
  elu: 'elu',
  selu: 'selu',
  sigmoid: 'sigmoid',
  hardSigmoid: 'hard_sigmoid',
  legacyHardSigmoid: 'legacy_hard_sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  logSoftmax: 'log_softmax',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  hardSilu: 'hard_silu',
  gelu: 'gelu',
  geluNew: 'gelu_new',
  mish: 'mish',
  exponential: 'exponential',
};

/** Other spellings found in Keras and tfjs code and files. */
const EXTRA_ALIASES: Readonly<Record<string, ActivationName>> = {
  silu: 'swish',
  hard_swish: 'hardSilu',
  hardSwish: 'hardSilu',
};

const BY_SPELLING: ReadonlyMap<string, ActivationName> = new Map<string, ActivationName>([
  ...ACTIVATION_NAMES.map((name) => [name, name] as const),
  ...ACTIVATION_NAMES.map((name) => [FILE_NAMES[name], name] as const),
  ...Object.entries(EXTRA_ALIASES),
]);

/** Every spelling `getActivation` accepts. */
export function knownActivationNames(): string[] {
  return [...BY_SPELLING.keys()];
}

function isActivation(value: unknown): value is Activation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Activation).apply === 'function' &&
    typeof (value as Activation).name === 'string'
  );
}

/**
 * Resolves an activation: `null`/`undefined` give `linear` (as in Keras); an `Activation` object
 * is returned as is; a name in any accepted spelling gives the built-in.
 */
export function getActivation(id: ActivationIdentifier | Activation | null | undefined): Activation {
  if (id === null || id === undefined) return BUILTIN_ACTIVATIONS.linear;
  if (isActivation(id)) return id;
  if (typeof id !== 'string') {
    throw new ValueError(
      `getActivation: expected an activation name or an object with {name, apply}, found ${JSON.stringify(id)}.`,
    );
  }
  const name = BY_SPELLING.get(id);
  if (name === undefined) throw new UnknownNameError('activation', id, knownActivationNames());
  return BUILTIN_ACTIVATIONS[name];
}

/** The Keras snake_case name written to files, e.g. 'hard_sigmoid', 'log_softmax'. */
export function serializeActivation(a: Activation): string {
  const fileName = (FILE_NAMES as Readonly<Record<string, string>>)[a.name];
  if (fileName === undefined) {
    throw new ValueError(
      `serializeActivation: expected an activation named one of ${ACTIVATION_NAMES.join(', ')}, ` +
        `found '${String(a.name)}'. Only built-in activations can be written to a model file.`,
    );
  }
  return fileName;
}
