// Losses that layers add while they run (activity regularization, `layer.addLoss`). The train
// and test steps open a collection around the forward pass and add what was collected to the
// loss; outside a step nothing is collected, so inference pays nothing.
import type { Tensor } from '../runtime/tf.js';

const stack: Tensor[][] = [];

/** Runs `forward`, returning its result and the scalar losses layers added meanwhile. */
export function collectLosses<T>(forward: () => T): { result: T; losses: Tensor[] } {
  const losses: Tensor[] = [];
  stack.push(losses);
  try {
    return { result: forward(), losses };
  } finally {
    stack.pop();
  }
}

/** Adds a scalar loss to the open collection; a no-op outside a train or test step. */
export function addCollectedLoss(loss: Tensor): void {
  stack[stack.length - 1]?.push(loss);
}

export function isCollectingLosses(): boolean {
  return stack.length > 0;
}
