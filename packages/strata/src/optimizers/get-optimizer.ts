// Resolves an optimizer identifier as compile() receives it: a name, a serialized config, or an
// instance (returned as is). Names are matched case-insensitively ('sgd', 'SGD', 'RMSProp'),
// and give Keras 3's defaults (not tfjs' — see docs/optimizers.md).
import { UnknownNameError } from '../errors.js';
import { deserialize, type SerializedObject } from '../saving/serialization.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { BaseOptimizer } from './base-optimizer.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

const BY_NAME: Record<string, () => BaseOptimizer> = {
  sgd: () => new SGD(),
  adam: () => new Adam(),
  adamw: () => new AdamW(),
  adagrad: () => new Adagrad(),
  adadelta: () => new Adadelta(),
  adamax: () => new Adamax(),
  nadam: () => new Nadam(),
  rmsprop: () => new RMSprop(),
  lion: () => new Lion(),
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
