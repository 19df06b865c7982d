// Stochastic gradient descent with optional (Nesterov) momentum, Keras 3's update rule:
//   m = momentum * m - lr * g;  w += m            (nesterov: w += momentum * m - lr * g)
//   without momentum: w -= lr * g
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkBoolean, checkNumber, configToArgs } from './validation.js';

export type SGDConfig = BaseOptimizerConfig & {
  /** In [0, 1]; 0 means plain gradient descent (no slot is created). */
  momentum?: number;
  nesterov?: boolean;
};

export type SGDArgs = OptimizerArgs<SGDConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'momentum', 'nesterov'];

export class SGD extends BaseOptimizer {
  static override readonly className = 'SGD';

  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args: SGDArgs = {}) {
    super(args, { learningRate: 0.01, name: 'SGD' });
    this.momentum = checkNumber('SGD', 'momentum', args.momentum ?? 0, { min: 0, max: 1 });
    this.nesterov = checkBoolean('SGD', 'nesterov', args.nesterov ?? false);
  }

  static fromConfig(config: JsonObject): SGD {
    return new SGD(configToArgs('SGD', config, CONFIG_KEYS) as SGDArgs);
  }

  protected slotGroups(): SlotGroups {
    return this.momentum === 0 ? [] : [[{ name: 'momentum' }]];
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, learningRate: Tensor): void {
    const step = tf.mul(gradient, learningRate);
    if (this.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const m = this.getSlot(variable, 'momentum');
    m.assign(tf.sub(tf.mul(m, this.momentum), step));
    const delta = this.nesterov ? tf.sub(tf.mul(m, this.momentum), step) : m;
    variable.assign(tf.add(variable, delta));
  }

  override getConfig(): SGDConfig {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
