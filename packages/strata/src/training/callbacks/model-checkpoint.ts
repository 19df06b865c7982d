// ModelCheckpoint: save the model (or its weights) during training, at the end of every epoch or
// every n batches, optionally only when the monitored number improves (Keras 3 semantics). The
// path is a template filled as Python's str.format: 'ckpt-{epoch:02d}-{val_loss:.2f}'.
import { StateError, ValueError } from '../../errors.js';
import { Callback, type BatchLogs, type Logs } from './callback.js';
import { formatPath } from './format-path.js';
import { resolveModeByAcc, type MonitorMode } from './monitor.js';
import { checkChoice, checkNumberOption, checkOptions, checkVerbose, printMessage } from './options.js';

export type ModelCheckpointArgs = {
  /** Where to save: a directory path or URL template ('file://ckpt-{epoch:02d}', 'indexeddb://m'). */
  filepath: string;
  /** Compared for saveBestOnly (default 'val_loss'). */
  monitor?: string;
  verbose?: 0 | 1;
  /** Save only when the monitored number improves on the best so far (default false). */
  saveBestOnly?: boolean;
  /** Save the weights only (model.saveWeights) instead of the whole model (default false). */
  saveWeightsOnly?: boolean;
  mode?: MonitorMode;
  /** 'epoch' (default), or a number of batches between saves. */
  saveFreq?: 'epoch' | number;
  /** With saveBestOnly: the value to beat before the first save (default none). */
  initialValueThreshold?: number | null;
};

const KEYS = ['filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'initialValueThreshold'];

export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: MonitorMode;
  readonly saveFreq: 'epoch' | number;
  /** The best monitored value so far (saveBestOnly). */
  best: number;
  /** The paths written so far, in order. */
  readonly saved: string[] = [];
  private readonly better: (a: number, b: number) => boolean;
  private currentEpoch = 0;
  private batchesSinceSave = 0;

  constructor(args: ModelCheckpointArgs) {
    super();
    const where = 'ModelCheckpoint';
    checkOptions(where, args, KEYS);
    if (!args || typeof args.filepath !== 'string' || args.filepath === '') {
      throw new ValueError(`${where}: filepath must be a non-empty string such as 'ckpt-{epoch:02d}', found ${JSON.stringify(args?.filepath)}.`);
    }
    this.filepath = args.filepath;
    this.monitor = args.monitor ?? 'val_loss';
    this.verbose = checkVerbose(where, args.verbose ?? 0);
    this.saveBestOnly = Boolean(args.saveBestOnly);
    this.saveWeightsOnly = Boolean(args.saveWeightsOnly);
    this.mode = checkChoice(where, 'mode', args.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    const freq = args.saveFreq ?? 'epoch';
    this.saveFreq = freq === 'epoch' ? freq : checkNumberOption(where, 'saveFreq', freq, { min: 1, integer: true });
    const direction = resolveModeByAcc(this.monitor, this.mode);
    this.better = direction === 'min' ? (a, b) => a < b : (a, b) => a > b;
    const threshold = args.initialValueThreshold;
    this.best = threshold === undefined || threshold === null ? (direction === 'min' ? Infinity : -Infinity) : checkNumberOption(where, 'initialValueThreshold', threshold);
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.currentEpoch = epoch;
  }

  override async onBatchEnd(_batch: number, logs: BatchLogs): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    this.batchesSinceSave += 1;
    if (this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    // Only a batch-frequency checkpoint reads batch numbers (one device read per save).
    await this.save(this.currentEpoch, logs.batch, logs.read());
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') await this.save(epoch, null, logs);
  }

  private async save(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    const model = this.model;
    if (!model) throw new StateError('ModelCheckpoint: no model is set; use it as a fit() callback.');
    const values: Record<string, number> = { ...logs, epoch: epoch + 1 };
    if (batch !== null && !('batch' in logs)) values.batch = batch + 1;
    const path = formatPath(this.filepath, values);
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        console.warn(`ModelCheckpoint: can save the best model only with '${this.monitor}' available; skipping. Available: ${Object.keys(logs).join(', ') || '(none)'}.`);
        return;
      }
      if (!this.better(current, this.best)) {
        if (this.verbose > 0) printMessage(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best.toFixed(5)}`);
        return;
      }
      if (this.verbose > 0) {
        printMessage(`Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best.toFixed(5)} to ${current.toFixed(5)}, saving model to ${path}`);
      }
      this.best = current;
    } else if (this.verbose > 0) {
      printMessage(`Epoch ${epoch + 1}: saving model to ${path}`);
    }
    if (this.saveWeightsOnly) await model.saveWeights(path);
    else await model.save(path);
    this.saved.push(path);
  }
}

export function modelCheckpoint(args: ModelCheckpointArgs): ModelCheckpoint {
  return new ModelCheckpoint(args);
}
