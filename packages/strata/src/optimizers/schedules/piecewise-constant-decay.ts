// Keras 3 PiecewiseConstantDecay: values[0] while step <= boundaries[0], values[i] while
// boundaries[i-1] < step <= boundaries[i], and the last value after the last boundary.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import type { JsonObject } from '../../saving/serialization.js';
import { checkNumber, configToArgs } from '../validation.js';
import { BaseLearningRateSchedule, stepAsFloat } from './learning-rate-schedule.js';

export type PiecewiseConstantDecayConfig = {
  boundaries: number[];
  values: number[];
  name?: string;
};

const CONFIG_KEYS = ['boundaries', 'values', 'name'];

export class PiecewiseConstantDecay extends BaseLearningRateSchedule {
  static override readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];

  constructor(config: PiecewiseConstantDecayConfig) {
    super(config.name, 'PiecewiseConstant');
    const where = 'PiecewiseConstantDecay';
    const { boundaries, values } = config;
    if (!Array.isArray(boundaries) || !Array.isArray(values) || boundaries.length === 0 || values.length !== boundaries.length + 1) {
      throw new ValueError(
        `${where}: expected \`values\` to have one entry more than \`boundaries\` (at least one boundary), ` +
          `found boundaries=${JSON.stringify(boundaries)} and values=${JSON.stringify(values)}.`,
      );
    }
    boundaries.forEach((b, i) => checkNumber(where, `boundaries[${i}]`, b));
    values.forEach((v, i) => checkNumber(where, `values[${i}]`, v));
    if (boundaries.some((b, i) => i > 0 && b <= boundaries[i - 1])) {
      throw new ValueError(`${where}: expected strictly increasing \`boundaries\`, found ${JSON.stringify(boundaries)}.`);
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
  }

  /** The index of the piece is the number of boundaries strictly below the step. */
  valueAt(step: Tensor): Tensor {
    return tf.tidy(() => {
      const passed = tf.greater(stepAsFloat(step), tf.tensor1d([...this.boundaries]));
      const index = tf.sum(tf.cast(passed, 'int32'));
      return tf.reshape(tf.gather(tf.tensor1d([...this.values]), tf.reshape(index, [1])), []);
    });
  }

  getConfig(): PiecewiseConstantDecayConfig {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }

  static fromConfig(config: JsonObject): PiecewiseConstantDecay {
    return new PiecewiseConstantDecay(configToArgs('PiecewiseConstantDecay', config, CONFIG_KEYS) as PiecewiseConstantDecayConfig);
  }
}
