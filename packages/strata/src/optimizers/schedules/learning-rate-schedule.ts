// The learning-rate schedule contract. Concrete schedules (exponentialDecay, ...) live next to this
// file; the optimizer only needs `valueAt`, evaluated once per step on the device.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { deserialize, type JsonObject, type Serializable, type SerializedObject } from '../../saving/serialization.js';

export interface LearningRateSchedule extends Serializable {
  /**
   * The learning rate at `step` (a scalar int32 tensor: the optimizer's iteration count before
   * the step is applied). Returns a scalar tensor; must not read values back to the host.
   */
  valueAt(step: Tensor): Tensor;
}

/** A fixed learning rate or a schedule. */
export type LearningRate = number | LearningRateSchedule;

export function isLearningRateSchedule(value: unknown): value is LearningRateSchedule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { valueAt?: unknown }).valueAt === 'function' &&
    typeof (value as { getClassName?: unknown }).getClassName === 'function'
  );
}

/**
 * Accepts a schedule object or its serialized form ({className, config}, resolved through the
 * registry); anything else is a ValueError naming `where`.
 */
export function toLearningRateSchedule(where: string, value: unknown): LearningRateSchedule {
  const schedule =
    typeof value === 'object' && value !== null && !isLearningRateSchedule(value) && 'className' in value
      ? deserialize<Serializable>(value as SerializedObject, 'learning rate schedule')
      : value;
  if (!isLearningRateSchedule(schedule)) {
    throw new ValueError(
      `${where}: \`learningRate\` must be a number >= 0 or a LearningRateSchedule, found ${JSON.stringify(value) ?? String(value)}.`,
    );
  }
  return schedule;
}

/**
 * What the built-in schedules share: the class name from the static `className`, and a step
 * cast to float32 (exact for steps below 2^24).
 */
export abstract class BaseLearningRateSchedule implements LearningRateSchedule {
  static readonly className: string;
  /** Keras' `name` config entry (a label; it changes nothing). */
  readonly name: string;

  protected constructor(name: string | undefined, defaultName: string) {
    if (name !== undefined && typeof name !== 'string') {
      throw new ValueError(`${this.getClassName()}: \`name\` must be a string, found ${JSON.stringify(name)}.`);
    }
    this.name = name ?? defaultName;
  }

  abstract valueAt(step: Tensor): Tensor;
  abstract getConfig(): JsonObject;

  getClassName(): string {
    return (this.constructor as typeof BaseLearningRateSchedule).className;
  }
}

/** `step` (int32) as a float32 scalar. */
export function stepAsFloat(step: Tensor): Tensor {
  return step.dtype === 'float32' ? step : tf.cast(step, 'float32');
}
