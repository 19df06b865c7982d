// Activations: Keras 3 semantics, tfjs and Keras spellings.
export { ACTIVATION_NAMES, type Activation, type ActivationIdentifier, type ActivationName } from './activation.js';
export { BUILTIN_ACTIVATIONS } from './builtins.js';
export { getActivation, knownActivationNames, serializeActivation } from './get-activation.js';
