// EarlyStopping: stop training when a monitored number has stopped improving (Keras 3
// semantics: minDelta, patience, baseline, startFromEpoch, and restoreBestWeights, which puts
// back the weights of the best epoch at the end of training).
import type { Tensor } from '../../runtime/tf.js';
import { tf } from '../../runtime/tf.js';
import { StateError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';
import { monitorValue, resolveMode, type MonitorMode } from './monitor.js';
import { checkChoice, checkNumberOption, checkOptions, checkVerbose, printMessage } from './options.js';

export type EarlyStoppingArgs = {
  /** The number to watch (default 'val_loss'). */
  monitor?: string;
  /** Changes smaller than this do not count as improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  /** Training stops unless the number beats this value (default none). */
  baseline?: number | null;
  /** At the end of training, put back the weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (warm-up; default 0). */
  startFromEpoch?: number;
};

const KEYS = ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch'];

export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: MonitorMode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;

  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch that set stopTraining (0 when training was not stopped). */
  stoppedEpoch = 0;
  best: number | null = null;
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;
  private direction: 'min' | 'max' | null = null;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    const where = 'EarlyStopping';
    checkOptions(where, args, KEYS);
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(checkNumberOption(where, 'minDelta', args.minDelta ?? 0));
    this.patience = checkNumberOption(where, 'patience', args.patience ?? 0, { min: 0, integer: true });
    this.verbose = checkVerbose(where, args.verbose ?? 0);
    this.mode = checkChoice(where, 'mode', args.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    this.baseline = args.baseline === undefined || args.baseline === null ? null : checkNumberOption(where, 'baseline', args.baseline);
    this.restoreBestWeights = Boolean(args.restoreBestWeights);
    this.startFromEpoch = checkNumberOption(where, 'startFromEpoch', args.startFromEpoch ?? 0, { min: 0, integer: true });
  }

  override async onTrainBegin(): Promise<void> {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.setBestWeights(null);
    this.direction = resolveMode('EarlyStopping', this.monitor, this.mode);
  }

  /** `current - minDelta` beats `reference` in the monitored direction (minDelta counts against the change). */
  private isImprovement(current: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.direction === 'min' ? current + this.minDelta < reference : current - this.minDelta > reference;
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const current = monitorValue('EarlyStopping', this.monitor, logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    const model = this.requireModel();
    // Before any improvement is seen, the current weights are the best.
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.setBestWeights(model.getWeights());
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(model.getWeights());
      // Patience restarts only when the baseline is beaten too.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.stoppedEpoch > 0 && this.verbose > 0) printMessage(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) printMessage(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.requireModel().setWeights(this.bestWeights);
    }
    this.setBestWeights(null);
  }

  private setBestWeights(weights: Tensor[] | null): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = weights;
  }

  private requireModel() {
    if (!this.model) throw new StateError('EarlyStopping: no model is set; use it as a fit() callback.');
    return this.model;
  }
}

/** tfjs-layers' factory: `st.callbacks.earlyStopping({monitor: 'val_loss', patience: 3})`. */
export function earlyStopping(args: EarlyStoppingArgs = {}): EarlyStopping {
  return new EarlyStopping(args);
}
