// Adagrad, Keras 3's update rule (each slot starts at `initialAccumulatorValue`):
//   acc += g^2;  w -= lr * g / sqrt(acc + epsilon)
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkNumber, configToArgs } from './validation.js';

export type AdagradConfig = BaseOptimizerConfig & {
  initialAccumulatorValue?: number;
  epsilon?: number;
};

export type AdagradArgs = OptimizerArgs<AdagradConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'initialAccumulatorValue', 'epsilon'];

export class Adagrad extends BaseOptimizer {
  static override readonly className = 'Adagrad';

  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(args: AdagradArgs = {}) {
    super(args, { learningRate: 0.001, name: 'adagrad' });
    this.initialAccumulatorValue = checkNumber('Adagrad', 'initialAccumulatorValue', args.initialAccumulatorValue ?? 0.1, { min: 0 });
    this.epsilon = checkNumber('Adagrad', 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
  }

  static fromConfig(config: JsonObject): Adagrad {
    return new Adagrad(configToArgs('Adagrad', config, CONFIG_KEYS) as AdagradArgs);
  }

  protected slotGroups(): SlotGroups {
    return [[{ name: 'accumulator', initialValue: this.initialAccumulatorValue }]];
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, learningRate: Tensor): void {
    const acc = this.getSlot(variable, 'accumulator');
    acc.assign(tf.add(acc, tf.square(gradient)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(gradient, learningRate), tf.sqrt(tf.add(acc, this.epsilon)))));
  }

  override getConfig(): AdagradConfig {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
