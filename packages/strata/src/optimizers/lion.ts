// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"), Keras 3's rule:
//   w -= lr * sign(beta1 * m + (1 - beta1) * g)
//   m = beta2 * m + (1 - beta2) * g
// Its steps have unit size per element, so it wants a learning rate 3-10x smaller than Adam's.
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkNumber, configToArgs } from './validation.js';

export type LionConfig = BaseOptimizerConfig & {
  beta1?: number;
  beta2?: number;
};

export type LionArgs = OptimizerArgs<LionConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'beta1', 'beta2'];

export class Lion extends BaseOptimizer {
  static override readonly className = 'Lion';

  readonly beta1: number;
  readonly beta2: number;

  constructor(args: LionArgs = {}) {
    super(args, { learningRate: 0.001, name: 'lion' });
    // beta1 = 0 would make Lion plain sign-SGD; Keras rejects it too.
    this.beta1 = checkNumber('Lion', 'beta1', args.beta1 ?? 0.9, { min: 0, minExclusive: true, max: 1 });
    this.beta2 = checkNumber('Lion', 'beta2', args.beta2 ?? 0.99, { min: 0, max: 1 });
  }

  static fromConfig(config: JsonObject): Lion {
    return new Lion(configToArgs('Lion', config, CONFIG_KEYS) as LionArgs);
  }

  protected slotGroups(): SlotGroups {
    return [[{ name: 'momentum' }]];
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, learningRate: Tensor): void {
    const m = this.getSlot(variable, 'momentum');
    const direction = tf.sign(tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1)));
    variable.assign(tf.sub(variable, tf.mul(direction, learningRate)));
    m.assign(tf.add(tf.mul(m, this.beta2), tf.mul(gradient, 1 - this.beta2)));
  }

  override getConfig(): LionConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2 };
  }
}
