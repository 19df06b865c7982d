// LearningRateScheduler: at the start of each epoch, set the learning rate to
// schedule(epoch, currentRate) (Keras 3 semantics; epochs count from 0). The rate used is
// recorded in the epoch logs as `learning_rate`.
import { StateError, ValueError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';
import { checkVerbose, printMessage } from './options.js';

export type LearningRateSchedule = (epoch: number, learningRate: number) => number;

export type LearningRateSchedulerArgs = { verbose?: 0 | 1 };

export class LearningRateScheduler extends Callback {
  readonly verbose: 0 | 1;

  constructor(
    readonly schedule: LearningRateSchedule,
    args: LearningRateSchedulerArgs = {},
  ) {
    super();
    if (typeof schedule !== 'function') {
      throw new ValueError(`LearningRateScheduler: schedule must be a function (epoch, learningRate) => number, found ${typeof schedule}.`);
    }
    const unknown = Object.keys(args ?? {}).filter((k) => k !== 'verbose');
    if (unknown.length > 0) throw new ValueError(`LearningRateScheduler: unknown option(s) ${unknown.map((k) => `'${k}'`).join(', ')}. Known options: verbose.`);
    this.verbose = checkVerbose('LearningRateScheduler', args.verbose ?? 0);
  }

  private optimizer(): { learningRate: number } {
    const optimizer = this.model?.optimizer;
    if (!optimizer) {
      throw new StateError('LearningRateScheduler: the model has no Strata optimizer whose learning rate can be set.');
    }
    return optimizer;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const optimizer = this.optimizer();
    const rate = this.schedule(epoch, optimizer.learningRate);
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
      throw new ValueError(`LearningRateScheduler: the schedule returned ${typeof rate === 'number' ? rate : JSON.stringify(rate)} for epoch ${epoch}; expected a finite number >= 0.`);
    }
    optimizer.learningRate = rate;
    if (this.verbose > 0) printMessage(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${rate}.`);
  }

  override async onEpochEnd(_epoch: number, logs: Logs): Promise<void> {
    logs.learning_rate = this.optimizer().learningRate;
  }
}

export function learningRateScheduler(schedule: LearningRateSchedule, args: LearningRateSchedulerArgs = {}): LearningRateScheduler {
  return new LearningRateScheduler(schedule, args);
}
