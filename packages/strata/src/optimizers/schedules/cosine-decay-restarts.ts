// Keras 3 CosineDecayRestarts (SGDR, Loshchilov & Hutter 2016). The i-th period lasts
// firstDecaySteps * tMul^i steps and starts from initialLearningRate * mMul^i; within a period
//   lr = initial * mMul^i * ((1 - alpha) * 0.5 * (1 + cos(pi * fraction)) + alpha)
// where `fraction` is the share of the current period already done. Period i and the fraction
// come in closed form from f = step / firstDecaySteps:
//   tMul == 1: i = floor(f), fraction = f - i
//   otherwise: i = floor(log(1 - f * (1 - tMul)) / log(tMul)),
//              fraction = (f - (1 - tMul^i) / (1 - tMul)) / tMul^i
import { tf, type Tensor } from '../../runtime/tf.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type CosineDecayRestartsConfig = {
  initialLearningRate: number;
  firstDecaySteps: number;
  /** How much longer each period is than the one before. */
  tMul?: number;
  /** How much lower each period starts than the one before. */
  mMul?: number;
  alpha?: number;
  name?: string;
};

const CONFIG_KEYS = ['initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha', 'name'];

export class CosineDecayRestarts extends BaseLearningRateSchedule {
  static override readonly className = 'CosineDecayRestarts';
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;

  constructor(config: CosineDecayRestartsConfig) {
    super(config.name, 'SGDRDecay');
    const where = 'CosineDecayRestarts';
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', config.initialLearningRate);
    this.firstDecaySteps = checkNumber(where, 'firstDecaySteps', config.firstDecaySteps, { min: 0, minExclusive: true });
    this.tMul = checkNumber(where, 'tMul', config.tMul ?? 2, { min: 0, minExclusive: true });
    this.mMul = checkNumber(where, 'mMul', config.mMul ?? 1, { min: 0 });
    this.alpha = checkNumber(where, 'alpha', config.alpha ?? 0);
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      const f = tf.div(stepAsFloat(step), this.firstDecaySteps);
      let restart: Tensor;
      let fraction: Tensor;
      if (this.tMul === 1) {
        restart = tf.floor(f);
        fraction = tf.sub(f, restart);
      } else {
        restart = tf.floor(tf.div(tf.log(tf.sub(1, tf.mul(f, 1 - this.tMul))), Math.log(this.tMul)));
        const periodLength = tf.pow(tf.scalar(this.tMul), restart);
        const stepsBefore = tf.div(tf.sub(1, periodLength), 1 - this.tMul);
        fraction = tf.div(tf.sub(f, stepsBefore), periodLength);
      }
      const scale = tf.pow(tf.scalar(this.mMul), restart);
      const cosine = tf.mul(tf.mul(0.5, scale), tf.add(1, tf.cos(tf.mul(Math.PI, fraction))));
      return tf.mul(this.initialLearningRate, tf.add(tf.mul(1 - this.alpha, cosine), this.alpha));
    });
  }

  getConfig(): CosineDecayRestartsConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      firstDecaySteps: this.firstDecaySteps,
      tMul: this.tMul,
      mMul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): CosineDecayRestarts {
    return new CosineDecayRestarts(configToArgs('CosineDecayRestarts', config, CONFIG_KEYS) as CosineDecayRestartsConfig);
  }
}
