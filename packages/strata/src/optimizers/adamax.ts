// Adamax (Kingma & Ba, section 7), Keras 3's update rule:
//   t = iterations + 1
//   m += (g - m) * (1 - beta1);  u = max(beta2 * u, |g|)
//   w -= lr / (1 - beta1^t) * m / (u + epsilon)
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkNumber, configToArgs } from './validation.js';

export type AdamaxConfig = BaseOptimizerConfig & {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
};

export type AdamaxArgs = OptimizerArgs<AdamaxConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'beta1', 'beta2', 'epsilon'];

export class Adamax extends BaseOptimizer {
  static override readonly className = 'Adamax';

  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(args: AdamaxArgs = {}) {
    super(args, { learningRate: 0.001, name: 'adamax' });
    this.beta1 = checkNumber('Adamax', 'beta1', args.beta1 ?? 0.9, { min: 0, max: 1, maxExclusive: true });
    this.beta2 = checkNumber('Adamax', 'beta2', args.beta2 ?? 0.999, { min: 0, max: 1 });
    this.epsilon = checkNumber('Adamax', 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
  }

  static fromConfig(config: JsonObject): Adamax {
    return new Adamax(configToArgs('Adamax', config, CONFIG_KEYS) as AdamaxArgs);
  }

  protected slotGroups(): SlotGroups {
    return [[{ name: 'momentum' }, { name: 'norm' }]];
  }

  /** lr / (1 - beta1^t), once per step. */
  protected override stepSize(learningRate: Tensor): Tensor {
    const t = tf.cast(tf.add(this.iterations, 1), 'float32');
    return tf.div(learningRate, tf.sub(1, tf.pow(this.beta1, t)));
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, stepSize: Tensor): void {
    const m = this.getSlot(variable, 'momentum');
    const u = this.getSlot(variable, 'norm');
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), 1 - this.beta1)));
    u.assign(tf.maximum(tf.mul(u, this.beta2), tf.abs(gradient)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, stepSize), tf.add(u, this.epsilon))));
  }

  override getConfig(): AdamaxConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
