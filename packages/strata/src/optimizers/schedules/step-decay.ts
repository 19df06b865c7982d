// What ExponentialDecay and InverseTimeDecay share: the four Keras arguments, their checks and
// config, and p = step / decaySteps (floored when `staircase`). A subclass gives lr as a function of p.
import { tf, type Tensor } from '../../runtime/tf.js';
import { checkBoolean, checkNumber } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type StepDecayConfig = {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
  name?: string;
};

export const STEP_DECAY_CONFIG_KEYS = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];

export abstract class StepDecaySchedule extends BaseLearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  protected constructor(config: StepDecayConfig, where: string) {
    super(config.name, where);
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.decaySteps = checkNumber(where, 'decaySteps', config.decaySteps, { min: 0, minExclusive: true });
    this.decayRate = checkNumber(where, 'decayRate', config.decayRate);
    this.staircase = checkBoolean(where, 'staircase', config.staircase ?? false);
  }

  /** The learning rate at decay progress p (a float scalar). */
  protected abstract rateAt(p: Tensor): Tensor;

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      const p = tf.div(stepAsFloat(step), this.decaySteps);
      return this.rateAt(this.staircase ? tf.floor(p) : p);
    });
  }

  getConfig(): StepDecayConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
