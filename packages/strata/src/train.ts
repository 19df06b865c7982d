// `st.train.*`: tfjs-style optimizer factories (`tf.train.adam(0.001)`) that return Strata
// optimizers, so ported code keeps its calls. Note tfjs' Adam epsilon default is 1e-8 while
// Keras 3 (and Strata) use 1e-7; pass it explicitly to match tfjs exactly.
import { Adam, SGD } from './optimizers/index.js';

export function sgd(learningRate = 0.01): SGD {
  return new SGD({ learningRate });
}

export function momentum(learningRate: number, momentumValue: number, useNesterov = false): SGD {
  return new SGD({ learningRate, momentum: momentumValue, nesterov: useNesterov });
}

export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7): Adam {
  return new Adam({ learningRate, beta1, beta2, epsilon });
}
