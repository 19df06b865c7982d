// The activation contract: a named, stateless, element-wise (or last-axis) function of a tensor.
import type { Tensor } from '../runtime/tf.js';

/** Canonical (tfjs camelCase) names of the built-in activations. */
export const ACTIVATION_NAMES = [
  'linear',
  'relu',
  'relu6',
  'leakyRelu',
  'elu',
  'selu',
  'sigmoid',
  'hardSigmoid',
  'legacyHardSigmoid',
  'tanh',
  'softmax',
  'logSoftmax',
  'softplus',
  'softsign',
  'swish',
  'hardSilu',
  'gelu',
  'geluNew',
  'mish',
  'exponential',
] as const;

export type ActivationName = (typeof ACTIVATION_NAMES)[number];

export interface Activation {
  readonly name: ActivationName;
  /** Computes the activation. Intermediates are released; only the result stays alive. */
  apply(x: Tensor): Tensor;
}

/**
 * A name as a user or a file spells it: tfjs camelCase ('hardSigmoid', 'logSoftmax') or Keras
 * snake_case ('hard_sigmoid', 'log_softmax'), plus Keras' aliases ('silu', 'hard_swish').
 * `string & {}` keeps editor completion for the canonical names.
 */
export type ActivationIdentifier = ActivationName | (string & {});
