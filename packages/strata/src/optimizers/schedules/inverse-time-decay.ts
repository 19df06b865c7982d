// Keras 3 InverseTimeDecay: lr(step) = initialLearningRate / (1 + decayRate * step / decaySteps),
// with step / decaySteps floored when `staircase`.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { configToArgs } from '../validation.js';
import { STEP_DECAY_CONFIG_KEYS, StepDecaySchedule, type StepDecayConfig } from './step-decay.js';

export type InverseTimeDecayConfig = StepDecayConfig;

export class InverseTimeDecay extends StepDecaySchedule {
  static override readonly className = 'InverseTimeDecay';

  constructor(config: InverseTimeDecayConfig) {
    super(config, 'InverseTimeDecay');
  }

  protected rateAt(p: Tensor): Tensor {
    return tf.div(this.initialLearningRate, tf.add(1, tf.mul(this.decayRate, p)));
  }

  static fromConfig(config: JsonObject): InverseTimeDecay {
    return new InverseTimeDecay(configToArgs('InverseTimeDecay', config, STEP_DECAY_CONFIG_KEYS) as InverseTimeDecayConfig);
  }
}
