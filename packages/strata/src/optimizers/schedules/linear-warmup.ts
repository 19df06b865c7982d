// A linear warmup in front of any schedule (Strata's own; Keras has it only inside CosineDecay):
//   step < warmupSteps: lr = initialLearningRate + (target - initialLearningRate) * step / warmupSteps
//   afterwards:         lr = after(step - warmupSteps)
// where `after` is a schedule (or a fixed rate) and target = after(0), so the rate is continuous.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { checkNumber, configToArgs } from '../validation.js';
import {
  BaseLearningRateSchedule,
  stepAsFloat,
  toLearningRateSchedule,
  type LearningRateSchedule,
} from './learning-rate-schedule.js';

export type LinearWarmupConfig = {
  warmupSteps: number;
  /** The schedule that runs after the warmup (serialized in a config), or a fixed rate. */
  after: number | SerializedObject;
  initialLearningRate?: number;
  name?: string;
};

export type LinearWarmupArgs = Omit<LinearWarmupConfig, 'after'> & { after: number | LearningRateSchedule | SerializedObject };

const CONFIG_KEYS = ['warmupSteps', 'after', 'initialLearningRate', 'name'];

export class LinearWarmup extends BaseLearningRateSchedule {
  static override readonly className = 'LinearWarmup';
  readonly warmupSteps: number;
  readonly initialLearningRate: number;
  /** A number for a fixed rate after the warmup. */
  readonly after: number | LearningRateSchedule;

  constructor(args: LinearWarmupArgs) {
    super(args.name, 'LinearWarmup');
    const where = 'LinearWarmup';
    this.warmupSteps = checkNumber(where, 'warmupSteps', args.warmupSteps, { min: 0 });
    if (!Number.isInteger(this.warmupSteps)) {
      throw new ValueError(`${where}: \`warmupSteps\` must be a whole number of steps, found ${this.warmupSteps}.`);
    }
    this.initialLearningRate = checkNumber(where, 'initialLearningRate', args.initialLearningRate ?? 0);
    this.after = typeof args.after === 'number' ? checkNumber(where, 'after', args.after, { min: 0 }) : toLearningRateSchedule(where, args.after);
  }

  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      const s = stepAsFloat(step);
      const afterAt = (k: Tensor): Tensor => (typeof this.after === 'number' ? tf.scalar(this.after) : stepAsFloat(this.after.valueAt(k)));
      const target = afterAt(tf.scalar(0, 'int32'));
      const warmup = tf.add(tf.mul(tf.sub(target, this.initialLearningRate), tf.div(s, Math.max(this.warmupSteps, 1))), this.initialLearningRate);
      const later = afterAt(tf.maximum(tf.sub(tf.cast(step, 'int32'), this.warmupSteps), 0));
      return tf.where(tf.less(s, this.warmupSteps), warmup, later);
    });
  }

  getConfig(): LinearWarmupConfig {
    return {
      warmupSteps: this.warmupSteps,
      after: typeof this.after === 'number' ? this.after : serialize(this.after),
      initialLearningRate: this.initialLearningRate,
      name: this.name,
    };
  }

  static fromConfig(config: JsonObject): LinearWarmup {
    return new LinearWarmup(configToArgs('LinearWarmup', config, CONFIG_KEYS) as LinearWarmupArgs);
  }
}
