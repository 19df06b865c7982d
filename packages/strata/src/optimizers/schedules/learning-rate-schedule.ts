// The learning-rate schedule contract. Concrete schedules (exponentialDecay, ...) live next to this
// file; the optimizer only needs `valueAt`, evaluated once per step on the device.
import type { Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { deserialize, type Serializable, type SerializedObject } from '../../saving/serialization.js';

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
