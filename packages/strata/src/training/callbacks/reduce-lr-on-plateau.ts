// ReduceLROnPlateau: multiply the learning rate by `factor` when the monitored number has not
// improved (by more than minDelta) for `patience` epochs; then wait `cooldown` epochs before
// counting again; never go below minLr. Keras 3 semantics, including logs.learning_rate.
import { StateError, ValueError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';
import { resolveModeByAcc, type MonitorMode } from './monitor.js';
import { checkChoice, checkNumberOption, checkOptions, checkVerbose, printMessage } from './options.js';

export type ReduceLROnPlateauArgs = {
  monitor?: string;
  /** New rate = rate × factor (default 0.1; must be < 1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  /** An improvement must beat the best by more than this (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound on the learning rate (default 0). */
  minLr?: number;
};

const KEYS = ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr'];

export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;
  private direction: 'min' | 'max' = 'min';

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    const where = 'ReduceLROnPlateau';
    checkOptions(where, args, KEYS);
    this.monitor = args.monitor ?? 'val_loss';
    const factor = args.factor ?? 0.1;
    if (typeof factor === 'number' && factor >= 1) {
      throw new ValueError(`${where}: factor must be < 1 (the rate is multiplied by it), found ${factor}.`);
    }
    this.factor = checkNumberOption(where, 'factor', factor, { min: 0 });
    this.patience = checkNumberOption(where, 'patience', args.patience ?? 10, { min: 0, integer: true });
    this.verbose = checkVerbose(where, args.verbose ?? 0);
    this.mode = checkChoice(where, 'mode', args.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    this.minDelta = checkNumberOption(where, 'minDelta', args.minDelta ?? 1e-4, { min: 0 });
    this.cooldown = checkNumberOption(where, 'cooldown', args.cooldown ?? 0, { min: 0, integer: true });
    this.minLr = checkNumberOption(where, 'minLr', args.minLr ?? 0, { min: 0 });
    this.reset();
  }

  private reset(): void {
    this.direction = resolveModeByAcc(this.monitor, this.mode);
    this.best = this.direction === 'min' ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  private improves(current: number): boolean {
    return this.direction === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  private optimizer(): { learningRate: number } {
    const optimizer = this.model?.optimizer;
    if (!optimizer) {
      throw new StateError(
        'ReduceLROnPlateau: the model has no Strata optimizer whose learning rate can be set (compile with a name such as \'adam\' or a Strata optimizer).',
      );
    }
    return optimizer;
  }

  override async onTrainBegin(): Promise<void> {
    this.reset();
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const optimizer = this.optimizer();
    logs.learning_rate = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`ReduceLROnPlateau: the monitored '${this.monitor}' is not in the logs; available: ${Object.keys(logs).join(', ')}.`);
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.improves(current)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const old = optimizer.learningRate;
        // The rate lives in float32 on the device; compare with minLr at that precision, as Keras.
        if (old > Math.fround(this.minLr)) {
          const next = Math.max(old * this.factor, this.minLr);
          optimizer.learningRate = next;
          if (this.verbose > 0) printMessage(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}

export function reduceLROnPlateau(args: ReduceLROnPlateauArgs = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(args);
}
