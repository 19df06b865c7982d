// Adam (Kingma & Ba), Keras 3's form with the bias correction folded into the step size:
//   t = iterations + 1;  alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
//   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2)
//   amsgrad: vhat = max(vhat, v), used in place of v
//   w -= alpha * m / (sqrt(v) + epsilon)
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkBoolean, checkNumber, configToArgs } from './validation.js';

export type AdamConfig = BaseOptimizerConfig & {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
};

export type AdamArgs = OptimizerArgs<AdamConfig>;

export const ADAM_CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'beta1', 'beta2', 'epsilon', 'amsgrad'];

export class Adam extends BaseOptimizer {
  static override readonly className: string = 'Adam';

  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(args: AdamArgs = {}) {
    super(args, { learningRate: 0.001, name: 'adam' });
    const where = this.getClassName();
    this.beta1 = checkNumber(where, 'beta1', args.beta1 ?? 0.9, { min: 0, max: 1, maxExclusive: true });
    this.beta2 = checkNumber(where, 'beta2', args.beta2 ?? 0.999, { min: 0, max: 1, maxExclusive: true });
    this.epsilon = checkNumber(where, 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
    this.amsgrad = checkBoolean(where, 'amsgrad', args.amsgrad ?? false);
  }

  static fromConfig(config: JsonObject): Adam {
    return new Adam(configToArgs('Adam', config, ADAM_CONFIG_KEYS) as AdamArgs);
  }

  protected slotGroups(): SlotGroups {
    const groups: SlotGroups = [[{ name: 'momentum' }, { name: 'velocity' }]];
    return this.amsgrad ? [...groups, [{ name: 'velocity_hat' }]] : groups;
  }

  /** alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t), once per step. */
  protected override stepSize(learningRate: Tensor): Tensor {
    const t = tf.cast(tf.add(this.iterations, 1), 'float32');
    const biasCorrection1 = tf.sub(1, tf.pow(this.beta1, t));
    const biasCorrection2 = tf.sub(1, tf.pow(this.beta2, t));
    return tf.div(tf.mul(learningRate, tf.sqrt(biasCorrection2)), biasCorrection1);
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable, alpha: Tensor): void {
    const m = this.getSlot(variable, 'momentum');
    const v = this.getSlot(variable, 'velocity');
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), 1 - this.beta1)));
    v.assign(tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - this.beta2)));
    let second: Tensor = v;
    if (this.amsgrad) {
      const vHat = this.getSlot(variable, 'velocity_hat');
      vHat.assign(tf.maximum(vHat, v));
      second = vHat;
    }
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(second), this.epsilon))));
  }

  override getConfig(): AdamConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
