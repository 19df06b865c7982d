// Nadam (Dozat 2016: Adam with Nesterov momentum), Keras 3's update rule with its momentum
// schedule mu_t = beta1 * (1 - 0.5 * 0.96^t) and the running product P_t = mu_1 * ... * mu_t:
//   t = iterations + 1
//   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2)
//   mHat = mu_{t+1} * m / (1 - P_t * mu_{t+1}) + (1 - mu_t) * g / (1 - P_t)
//   vHat = v / (1 - beta2^t)
//   w -= lr * mHat / (sqrt(vHat) + epsilon)
// P_t is optimizer state ('u_product'), updated once per step as Keras does.
import { tf, type Tensor } from '../runtime/tf.js';
import type { JsonObject } from '../saving/serialization.js';
import { BaseOptimizer, type BaseOptimizerConfig, type OptimizerArgs, type SlotGroups } from './base-optimizer.js';
import { BASE_CONFIG_KEYS, checkNumber, configToArgs } from './validation.js';

export type NadamConfig = BaseOptimizerConfig & {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
};

export type NadamArgs = OptimizerArgs<NadamConfig>;

const CONFIG_KEYS = [...BASE_CONFIG_KEYS, 'beta1', 'beta2', 'epsilon'];

/** The scalars of one step, shared by every variable's update. */
type StepCoefficients = { momentumScale: Tensor; gradientScale: Tensor; velocityScale: Tensor; learningRate: Tensor };

export class Nadam extends BaseOptimizer {
  static override readonly className = 'Nadam';

  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly uProduct: tf.Variable;
  /** Set by stepSize and read by updateStep within the same step (and tidy). */
  private step: StepCoefficients | null = null;

  constructor(args: NadamArgs = {}) {
    super(args, { learningRate: 0.001, name: 'nadam' });
    this.beta1 = checkNumber('Nadam', 'beta1', args.beta1 ?? 0.9, { min: 0, max: 1, maxExclusive: true });
    this.beta2 = checkNumber('Nadam', 'beta2', args.beta2 ?? 0.999, { min: 0, max: 1, maxExclusive: true });
    this.epsilon = checkNumber('Nadam', 'epsilon', args.epsilon ?? 1e-7, { min: 0 });
    this.uProduct = this.addOptimizerVariable('u_product', 1);
  }

  static fromConfig(config: JsonObject): Nadam {
    return new Nadam(configToArgs('Nadam', config, CONFIG_KEYS) as NadamArgs);
  }

  protected slotGroups(): SlotGroups {
    return [[{ name: 'momentum' }, { name: 'velocity' }]];
  }

  /** Advances P_t and computes the step's coefficients once; returns the learning rate. */
  protected override stepSize(learningRate: Tensor): Tensor {
    const t = tf.cast(tf.add(this.iterations, 1), 'float32');
    const mu = (step: Tensor) => tf.mul(this.beta1, tf.sub(1, tf.mul(0.5, tf.pow(0.96, step))));
    const muT = mu(t);
    const muNext = mu(tf.add(t, 1));
    this.uProduct.assign(tf.mul(this.uProduct, muT));
    const productNext = tf.mul(this.uProduct, muNext);
    this.step = {
      momentumScale: tf.div(muNext, tf.sub(1, productNext)),
      gradientScale: tf.div(tf.sub(1, muT), tf.sub(1, this.uProduct)),
      velocityScale: tf.div(1, tf.sub(1, tf.pow(this.beta2, t))),
      learningRate,
    };
    return learningRate;
  }

  protected updateStep(gradient: Tensor, variable: tf.Variable): void {
    const { momentumScale, gradientScale, velocityScale, learningRate } = this.step!;
    const m = this.getSlot(variable, 'momentum');
    const v = this.getSlot(variable, 'velocity');
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), 1 - this.beta1)));
    v.assign(tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - this.beta2)));
    const mHat = tf.add(tf.mul(m, momentumScale), tf.mul(gradient, gradientScale));
    const vHat = tf.mul(v, velocityScale);
    variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, learningRate), tf.add(tf.sqrt(vHat), this.epsilon))));
  }

  override getConfig(): NadamConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
