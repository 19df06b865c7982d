// Resolves an optimizer identifier as compile() receives it: a name, a serialized config, or an
// instance (returned as is). Names are matched case-insensitively ('sgd', 'SGD', 'adam', 'Adam').
import { UnknownNameError } from '../errors.js';
import { deserialize, type SerializedObject } from '../saving/serialization.js';
import { Adam } from './adam.js';
import { BaseOptimizer } from './base-optimizer.js';
import { SGD } from './sgd.js';

const BY_NAME: Record<string, () => BaseOptimizer> = {
  sgd: () => new SGD(),
  adam: () => new Adam(),
};

export function getOptimizer(id: string | SerializedObject | BaseOptimizer): BaseOptimizer {
  if (id instanceof BaseOptimizer) return id;
  if (typeof id === 'string') {
    const make = BY_NAME[id.toLowerCase()];
    if (make === undefined) throw new UnknownNameError('optimizer', id, Object.keys(BY_NAME));
    return make();
  }
  const optimizer = deserialize(id, 'optimizer');
  if (!(optimizer instanceof BaseOptimizer)) {
    throw new UnknownNameError('optimizer', id.className, Object.keys(BY_NAME));
  }
  return optimizer;
}
