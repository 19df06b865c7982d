// Keras 3 ExponentialDecay: lr(step) = initialLearningRate * decayRate ^ (step / decaySteps),
// with the exponent floored when `staircase` (the rate then changes every decaySteps steps).
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkBoolean, checkNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type ExponentialDecayConfig = {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
  name?: string;
};

const CONFIG_KEYS = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];

export class ExponentialDecay extends BaseLearningRateSchedule {
  static override readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(config: ExponentialDecayConfig) {
    super(config.name, 'ExponentialDecay');
    const where = 'ExponentialDecay';
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.decaySteps = checkNumber(where, 'decaySteps', config.decaySteps, { min: 0, minExclusive: true });
    this.decayRate = checkNumber(where, 'decayRate', config.decayRate);
    this.staircase = checkBoolean(where, 'staircase', config.staircase ?? false);
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      let p = tf.div(stepAsFloat(step), this.decaySteps);
      if (this.staircase) p = tf.floor(p);
      return tf.mul(this.initialLearningRate, tf.pow(tf.scalar(this.decayRate), p));
    });
  }

  getConfig(): ExponentialDecayConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): ExponentialDecay {
    return new ExponentialDecay(configToArgs('ExponentialDecay', config, CONFIG_KEYS) as ExponentialDecayConfig);
  }
}
