// Which way is better for a monitored number: 'min' for losses and errors, 'max' for accuracies
// and other scores. 'auto' decides from the name, as Keras does from the metric's direction.
import { ValueError } from '../../errors.js';

export type MonitorMode = 'auto' | 'min' | 'max';

const HIGHER_IS_BETTER = /acc|auc|precision|recall|f1|fbeta|fmeasure|iou|r2|score|top_k|cosine_similarity/i;
const LOWER_IS_BETTER = /loss|error|crossentropy|hinge|divergence|poisson|mse|mae|mape|msle|log_cosh/i;

/** The resolved direction for `monitor`; throws when 'auto' cannot tell, as Keras does. */
export function resolveMode(where: string, monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (name === 'loss' || name.endsWith('_loss')) return 'min';
  if (HIGHER_IS_BETTER.test(name)) return 'max';
  if (LOWER_IS_BETTER.test(name)) return 'min';
  throw new ValueError(
    `${where}: cannot tell whether '${monitor}' should be minimized or maximized; pass mode: 'min' or mode: 'max'.`,
  );
}

/** Keras' ReduceLROnPlateau / ModelCheckpoint rule for 'auto': maximize when the name contains 'acc'. */
export function resolveModeByAcc(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  return monitor.includes('acc') || monitor.startsWith('fmeasure') ? 'max' : 'min';
}

/** The monitored value from the logs, or undefined with a warning that lists what is there. */
export function monitorValue(where: string, monitor: string, logs: Record<string, number>): number | undefined {
  const value = logs[monitor];
  if (value === undefined) {
    console.warn(`${where}: the monitored '${monitor}' is not in the logs; available: ${Object.keys(logs).join(', ') || '(none)'}.`);
  }
  return value;
}
