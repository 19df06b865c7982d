// Adadelta (Zeiler 2012), Keras 3's update rule, with rms(x) = sqrt(x + epsilon):
//   accGrad = rho * accGrad + (1 - rho) * g^2
//   delta = -rms(accDelta) * g / rms(accGrad)
//   accDelta = rho * accDelta + (1 - rho) * delta^2
//   w += lr * delta
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkNumber, configToArgs } from './validation.js';

export type AdadeltaConfig = BaseOptimizerConfig & {
  rho?: number;
  epsilon?: number;
};

export type AdadeltaArgs = OptimizerArgs<AdadeltaConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'rho', 'epsilon'];

export class Adadelta extends BaseOptimizer {
  static override readonly className = 'Adadelta';

  readonly rho: number;
  readonly epsilon: number;

  constructor(args: AdadeltaArgs = {}) {
    super(args, { learningRate: 0.001, name: 'adadelta' });
    this.rho = checkNumber('Adadelta', 'rho', args.rho ?? 0.95, { min: 0, max: 1 });
    this.epsilon = checkNumber('Adadelta', 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
  }

  static fromConfig(config: JsonObject): Adadelta {
    return new Adadelta(configToArgs('Adadelta', config, CONFIG_KEYS) as AdadeltaArgs);
  }

  protected slotGroups(): SlotGroups {
    return [[{ name: 'accumulated_grad' }, { name: 'accumulated_delta_var' }]];
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, learningRate: Tensor): void {
    const accGrad = this.getSlot(variable, 'accumulated_grad');
    const accDelta = this.getSlot(variable, 'accumulated_delta_var');
    const rms = (x: Tensor) => tf.sqrt(tf.add(x, this.epsilon));
    accGrad.assign(tf.add(tf.mul(accGrad, this.rho), tf.mul(tf.square(gradient), 1 - this.rho)));
    const delta = tf.neg(tf.div(tf.mul(rms(accDelta), gradient), rms(accGrad)));
    accDelta.assign(tf.add(tf.mul(accDelta, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
    variable.assign(tf.add(variable, tf.mul(delta, learningRate)));
  }

  override getConfig(): AdadeltaConfig {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
