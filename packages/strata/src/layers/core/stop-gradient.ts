// `constantOf(x, f)`: f(x) with a zero gradient towards x. Comparisons (`greater`, `notEqual`,
// `any`) have no gradient in tfjs-core, so a gate or mask computed from a differentiated input
// would make `tf.grad` fail ("gradient function not found for Greater"); the gate is a step
// function whose true derivative is zero almost everywhere, which is what this returns.
import { tf, type Tensor } from '../../runtime/tf.js';

export function constantOf(x: Tensor, f: (x: Tensor) => Tensor): Tensor {
  const op = tf.customGrad((...args: Array<Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as Tensor;
    return { value: f(input), gradFunc: () => tf.zerosLike(input) };
  });
  return op(x);
}
