// RMSprop, Keras 3's update rule:
//   v = rho * v + (1 - rho) * g^2
//   centered: a = rho * a + (1 - rho) * g;  denominator = v - a^2 + epsilon
//   otherwise denominator = v + epsilon
//   increment = lr * g / sqrt(denominator)
//   momentum > 0: m = momentum * m + increment; w -= m.  Otherwise w -= increment.
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkBoolean, checkNumber, configToArgs } from './validation.js';

export type RMSpropConfig = BaseOptimizerConfig & {
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
};

export type RMSpropArgs = OptimizerArgs<RMSpropConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'rho', 'momentum', 'epsilon', 'centered'];

export class RMSprop extends BaseOptimizer {
  static override readonly className = 'RMSprop';

  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(args: RMSpropArgs = {}) {
    super(args, { learningRate: 0.001, name: 'rmsprop' });
    this.rho = checkNumber('RMSprop', 'rho', args.rho ?? 0.9, { min: 0, max: 1 });
    this.momentum = checkNumber('RMSprop', 'momentum', args.momentum ?? 0, { min: 0, max: 1 });
    this.epsilon = checkNumber('RMSprop', 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
    this.centered = checkBoolean('RMSprop', 'centered', args.centered ?? false);
  }

  static fromConfig(config: JsonObject): RMSprop {
    return new RMSprop(configToArgs('RMSprop', config, CONFIG_KEYS) as RMSpropArgs);
  }

  /** Slots exist only for the options in use, as in Keras 3 (velocity, momentum, average_gradient). */
  protected slotGroups(): SlotGroups {
    const groups: SlotGroups[number][] = [[{ name: 'velocity' }]];
    if (this.momentum > 0) groups.push([{ name: 'momentum' }]);
    if (this.centered) groups.push([{ name: 'average_gradient' }]);
    return groups;
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, learningRate: Tensor): void {
    const velocity = this.getSlot(variable, 'velocity');
    velocity.assign(tf.add(tf.mul(velocity, this.rho), tf.mul(tf.square(gradient), 1 - this.rho)));
    let denominator: Tensor;
    if (this.centered) {
      const average = this.getSlot(variable, 'average_gradient');
      average.assign(tf.add(tf.mul(average, this.rho), tf.mul(gradient, 1 - this.rho)));
      denominator = tf.add(tf.sub(velocity, tf.square(average)), this.epsilon);
    } else {
      denominator = tf.add(velocity, this.epsilon);
    }
    const increment = tf.div(tf.mul(gradient, learningRate), tf.sqrt(denominator));
    if (this.momentum > 0) {
      const m = this.getSlot(variable, 'momentum');
      m.assign(tf.add(tf.mul(m, this.momentum), increment));
      variable.assign(tf.sub(variable, m));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }

  override getConfig(): RMSpropConfig {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
