// `st.train.*`: tfjs-core's optimizer factories (`tf.train.adam(0.001)`), with tfjs' positional
// signatures and defaults, returning Strata optimizers so ported code keeps its calls. The
// update rules are Keras 3's; where they differ from tfjs-core's, docs/optimizers.md says how.
import { Adadelta, Adagrad, Adam, Adamax, RMSprop, SGD } from './optimizers/index.js';
import { InverseTimeDecay } from './optimizers/schedules/index.js';

/** tfjs' "use the backend's epsilon" (null or undefined): 1e-7 in float32, as Keras' default. */
const EPSILON = 1e-7;

export function sgd(learningRate: number): SGD {
  return new SGD({ learningRate });
}

/** SGD with (Nesterov) momentum. */
export function momentum(learningRate: number, momentum: number, useNesterov = false): SGD {
  return new SGD({ learningRate, momentum, nesterov: useNesterov });
}

/** tfjs names Keras' `rho` `decay`. */
export function rmsprop(learningRate: number, decay = 0.9, momentum = 0, epsilon: number | null = null, centered = false): RMSprop {
  return new RMSprop({ learningRate, rho: decay, momentum, epsilon: epsilon ?? EPSILON, centered });
}

export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): Adam {
  return new Adam({ learningRate, beta1, beta2, epsilon: epsilon ?? EPSILON });
}

export function adadelta(learningRate = 0.001, rho = 0.95, epsilon: number | null = null): Adadelta {
  return new Adadelta({ learningRate, rho, epsilon: epsilon ?? EPSILON });
}

/**
 * tfjs' `decay` divides the rate by (1 + decay * iterations): Keras' InverseTimeDecay with
 * decaySteps 1, which is what a non-zero decay becomes.
 */
export function adamax(learningRate = 0.002, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null, decay = 0): Adamax {
  const rate = decay === 0 ? learningRate : new InverseTimeDecay({ initialLearningRate: learningRate, decaySteps: 1, decayRate: decay });
  return new Adamax({ learningRate: rate, beta1, beta2, epsilon: epsilon ?? EPSILON });
}

export function adagrad(learningRate: number, initialAccumulatorValue = 0.1): Adagrad {
  return new Adagrad({ learningRate, initialAccumulatorValue });
}
