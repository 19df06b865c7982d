// Keras 3 InverseTimeDecay: lr(step) = initialLearningRate / (1 + decayRate * step / decaySteps),
// with step / decaySteps floored when `staircase`.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkBoolean, checkNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type InverseTimeDecayConfig = {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
  name?: string;
};

const CONFIG_KEYS = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];

export class InverseTimeDecay extends BaseLearningRateSchedule {
  static override readonly className = 'InverseTimeDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(config: InverseTimeDecayConfig) {
    super(config.name, 'InverseTimeDecay');
    const where = 'InverseTimeDecay';
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.decaySteps = checkNumber(where, 'decaySteps', config.decaySteps, { min: 0, minExclusive: true });
    this.decayRate = checkNumber(where, 'decayRate', config.decayRate);
    this.staircase = checkBoolean(where, 'staircase', config.staircase ?? false);
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      let p = tf.div(stepAsFloat(step), this.decaySteps);
      if (this.staircase) p = tf.floor(p);
      return tf.div(this.initialLearningRate, tf.add(1, tf.mul(this.decayRate, p)));
    });
  }

  getConfig(): InverseTimeDecayConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): InverseTimeDecay {
    return new InverseTimeDecay(configToArgs('InverseTimeDecay', config, CONFIG_KEYS) as InverseTimeDecayConfig);
  }
}
