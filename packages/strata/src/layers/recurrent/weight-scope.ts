// Building a layer that another layer holds (an RNN's cell, Bidirectional's two RNNs,
// TimeDistributed's inner layer) so that the inner layer's weights belong to the outer one and
// are named under it: 'lstm/kernel', 'bidirectional/forward_lstm/kernel', as tfjs-layers names
// them. That keeps tfjs-layers files loadable by weight name, and keeps every weight of a
// wrapper prefixed with the wrapper's name.
import type { Shape } from '../../runtime/tf.js';
import type { AddWeightOptions, Layer } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';

type AddWeight = (options: AddWeightOptions) => Weight;

/**
 * Builds `inner` for `inputShape`, creating each of its weights through `owner.addWeight` under
 * `scope` (or directly under the owner's name when `scope` is null). The inner layer keeps
 * references to the weights it created; the owner lists, saves and disposes them. A weight the
 * inner layer marks non-trainable, or any weight of a frozen inner layer, stays non-trainable.
 */
export function buildInScope(owner: Layer, inner: Layer, scope: string | null, inputShape: Shape | Shape[]): void {
  const target = inner as { addWeight: AddWeight };
  const hadOwn = Object.prototype.hasOwnProperty.call(target, 'addWeight');
  const previous = target.addWeight;
  // An own property shadows the class method for the duration of the build only; nested
  // scopes (a cell inside an RNN inside Bidirectional) chain through each owner in turn.
  target.addWeight = (options: AddWeightOptions): Weight =>
    owner.addWeight({
      ...options,
      name: scope ? `${scope}/${options.name}` : options.name,
      trainable: (options.trainable ?? true) && inner.trainable,
    });
  try {
    inner.build(inputShape);
    inner.built = true;
  } finally {
    if (hadOwn) target.addWeight = previous;
    else delete (target as Partial<{ addWeight: AddWeight }>).addWeight;
  }
}
