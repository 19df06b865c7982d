// Keras 3 ExponentialDecay: lr(step) = initialLearningRate * decayRate ^ (step / decaySteps),
// with the exponent floored when `staircase` (the rate then changes every decaySteps steps).
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { configToArgs } from '../validation.js';
import { STEP_DECAY_CONFIG_KEYS, StepDecaySchedule, type StepDecayConfig } from './step-decay.js';

export type ExponentialDecayConfig = StepDecayConfig;

export class ExponentialDecay extends StepDecaySchedule {
  static override readonly className = 'ExponentialDecay';

  constructor(config: ExponentialDecayConfig) {
    super(config, 'ExponentialDecay');
  }

  protected rateAt(p: Tensor): Tensor {
    return tf.mul(this.initialLearningRate, tf.pow(tf.scalar(this.decayRate), p));
  }

  static fromConfig(config: JsonObject): ExponentialDecay {
    return new ExponentialDecay(configToArgs('ExponentialDecay', config, STEP_DECAY_CONFIG_KEYS) as ExponentialDecayConfig);
  }
}
