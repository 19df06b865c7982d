// Keras 3 CosineDecay (Loshchilov & Hutter, SGDR without restarts), with optional linear warmup:
//   decayed(s, from) = from * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)
//   no warmupTarget:  lr(step) = decayed(min(step, decaySteps), initialLearningRate)
//   with warmupTarget: step = min(step, warmupSteps + decaySteps);
//     step < warmupSteps: lr rises linearly from initialLearningRate to warmupTarget,
//     afterwards:         lr = decayed(step - warmupSteps, warmupTarget)
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkNumber, checkOptionalNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type CosineDecayConfig = {
  initialLearningRate: number;
  decaySteps: number;
  /** The floor, as a fraction of the starting rate. */
  alpha?: number;
  /** The rate reached at the end of the warmup; null (the default) means no warmup. */
  warmupTarget?: number | null;
  warmupSteps?: number;
  name?: string;
};

/** from * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decaySteps)) + alpha) */
export function cosineDecayed(step: Tensor, decaySteps: number, from: number | Tensor, alpha: number): Tensor {
  const cosine = tf.mul(0.5, tf.add(1, tf.cos(tf.mul(Math.PI, tf.div(step, decaySteps)))));
  return tf.mul(from, tf.add(tf.mul(1 - alpha, cosine), alpha));
}

const CONFIG_KEYS = ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps', 'name'];

export class CosineDecay extends BaseLearningRateSchedule {
  static override readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(config: CosineDecayConfig) {
    super(config.name, 'CosineDecay');
    const where = 'CosineDecay';
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.decaySteps = checkNumber(where, 'decaySteps', config.decaySteps, { min: 0, minExclusive: true });
    this.alpha = checkNumber(where, 'alpha', config.alpha ?? 0);
    this.warmupTarget = checkOptionalNumber(where, 'warmupTarget', config.warmupTarget);
    this.warmupSteps = checkNumber(where, 'warmupSteps', config.warmupSteps ?? 0, { min: 0 });
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      const s = stepAsFloat(step);
      if (this.warmupTarget === null) {
        return cosineDecayed(tf.minimum(s, this.decaySteps), this.decaySteps, this.initialLearningRate, this.alpha);
      }
      const clamped = tf.minimum(s, this.warmupSteps + this.decaySteps);
      const warmup = tf.add(
        tf.mul(this.warmupTarget - this.initialLearningRate, tf.div(clamped, this.warmupSteps)),
        this.initialLearningRate,
      );
      const decay = cosineDecayed(tf.sub(clamped, this.warmupSteps), this.decaySteps, this.warmupTarget, this.alpha);
      return tf.where(tf.less(clamped, this.warmupSteps), warmup, decay);
    });
  }

  getConfig(): CosineDecayConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): CosineDecay {
    return new CosineDecay(configToArgs('CosineDecay', config, CONFIG_KEYS) as CosineDecayConfig);
  }
}
