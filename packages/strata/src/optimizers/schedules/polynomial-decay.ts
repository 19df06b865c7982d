// Keras 3 PolynomialDecay:
//   lr(step) = (initial - end) * (1 - step / decaySteps) ^ power + end
// Without `cycle` the step stops at decaySteps (lr stays at `end`). With `cycle` the horizon
// grows to the first multiple of decaySteps at or above the step (1 x decaySteps at step 0).
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkBoolean, checkNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type PolynomialDecayConfig = {
  initialLearningRate: number;
  decaySteps: number;
  endLearningRate?: number;
  power?: number;
  cycle?: boolean;
  name?: string;
};

const CONFIG_KEYS = ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle', 'name'];

export class PolynomialDecay extends BaseLearningRateSchedule {
  static override readonly className = 'PolynomialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;

  constructor(config: PolynomialDecayConfig) {
    super(config.name, 'PolynomialDecay');
    const where = 'PolynomialDecay';
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.decaySteps = checkNumber(where, 'decaySteps', config.decaySteps, { min: 0, minExclusive: true });
    this.endLearningRate = checkNumber(where, 'endLearningRate', config.endLearningRate ?? 0.0001);
    this.power = checkNumber(where, 'power', config.power ?? 1);
    this.cycle = checkBoolean(where, 'cycle', config.cycle ?? false);
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      let s = stepAsFloat(step);
      let horizon: Tensor = tf.scalar(this.decaySteps);
      if (this.cycle) {
        const multiplier = tf.where(tf.equal(s, 0), tf.onesLike(s), tf.ceil(tf.div(s, this.decaySteps)));
        horizon = tf.mul(horizon, multiplier);
      } else {
        s = tf.minimum(s, this.decaySteps);
      }
      const remaining = tf.sub(1, tf.div(s, horizon));
      return tf.add(tf.mul(this.initialLearningRate - this.endLearningRate, tf.pow(remaining, this.power)), this.endLearningRate);
    });
  }

  getConfig(): PolynomialDecayConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      endLearningRate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): PolynomialDecay {
    return new PolynomialDecay(configToArgs('PolynomialDecay', config, CONFIG_KEYS) as PolynomialDecayConfig);
  }
}
