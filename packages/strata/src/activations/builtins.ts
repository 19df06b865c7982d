// The built-in activations, with Keras 3 semantics. Each one runs inside `tidy`, so the ops it
// composes leave nothing behind but the result.
import { tf, type Tensor } from '../runtime/tf.js';
import type { Activation, ActivationName } from './activation.js';

function define(name: ActivationName, fn: (x: Tensor) => Tensor): Activation {
  return Object.freeze({ name, apply: (x: Tensor) => tf.tidy(() => fn(x)) });
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** relu6(x + 3) / 6: 0 below -3, 1 above 3, linear in between. */
function hardSigmoidOf(x: Tensor): Tensor {
  return tf.div(tf.relu6(tf.add(x, 3)), 6);
}

export const BUILTIN_ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  // Keras returns its input unchanged; so do we (no copy), as tfjs-layers does.
  linear: Object.freeze({ name: 'linear', apply: (x: Tensor) => x }),
  relu: define('relu', (x) => tf.relu(x)),
  relu6: define('relu6', (x) => tf.relu6(x)),
  // Keras' `leaky_relu` activation defaults to negative_slope=0.2.
  leakyRelu: define('leakyRelu', (x) => tf.leakyRelu(x, 0.2)),
  elu: define('elu', (x) => tf.elu(x)),
  selu: define('selu', (x) => tf.selu(x)),
  sigmoid: define('sigmoid', (x) => tf.sigmoid(x)),
  // Keras 3: relu6(x + 3) / 6 (slope 1/6, saturating at |x| = 3). tfjs-layers (and Keras 2)
  // use clip(0.2 x + 0.5, 0, 1) (slope 0.2, saturating at |x| = 2.5): a file that says
  // 'hard_sigmoid' computes slightly different values in tfjs-layers than here and in Keras 3.
  hardSigmoid: define('hardSigmoid', hardSigmoidOf),
  // The tfjs-layers / Keras 2 formula, which 'hard_sigmoid' means in tfjs-format and legacy .h5
  // files (their LSTM/GRU default recurrent activation): the readers of those formats map to it.
  legacyHardSigmoid: define('legacyHardSigmoid', (x) => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1)),
  tanh: define('tanh', (x) => tf.tanh(x)),
  softmax: define('softmax', (x) => tf.softmax(x, -1)),
  logSoftmax: define('logSoftmax', (x) => tf.logSoftmax(x, -1)),
  softplus: define('softplus', (x) => tf.softplus(x)),
  softsign: define('softsign', (x) => tf.div(x, tf.add(tf.abs(x), 1))),
  // swish == silu: x * sigmoid(x).
  swish: define('swish', (x) => tf.mul(x, tf.sigmoid(x))),
  // hard_silu == hard_swish: x * hard_sigmoid(x).
  hardSilu: define('hardSilu', (x) => tf.mul(x, hardSigmoidOf(x))),
  // Keras 3's default `gelu(x, approximate=False)`: the exact form 0.5 x (1 + erf(x / sqrt 2)).
  // tfjs-core registers a gradient for Erf (2/sqrt(pi) exp(-x^2)), so this trains as is.
  gelu: define('gelu', (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1))),
  // tfjs-layers' 'gelu_new': the tanh approximation (Keras' gelu(approximate=True)).
  geluNew: define('geluNew', (x) => {
    const inner = tf.mul(tf.add(x, tf.mul(tf.mul(x, tf.square(x)), 0.044715)), SQRT_2_OVER_PI);
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
  }),
  mish: define('mish', (x) => tf.mul(x, tf.tanh(tf.softplus(x)))),
  exponential: define('exponential', (x) => tf.exp(x)),
};
