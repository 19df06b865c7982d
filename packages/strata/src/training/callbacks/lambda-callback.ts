// A callback built from functions, one per hook (Keras' LambdaCallback, tfjs' CustomCallback).
// Batch hooks get tfjs' logs shape, `{batch, size, loss, ...}`, whose numbers are read from the
// device only when a function actually touches them.
import { ValueError } from '../../errors.js';
import { Callback, type BatchLogs, type Logs } from './callback.js';
import { checkOptions } from './options.js';

type MaybePromise = void | Promise<void>;

/** tfjs-layers' `CustomCallbackArgs`, plus Keras' test and predict hooks. */
export type CustomCallbackArgs = {
  onTrainBegin?: (logs?: Logs) => MaybePromise;
  onTrainEnd?: (logs?: Logs) => MaybePromise;
  onEpochBegin?: (epoch: number, logs?: Logs) => MaybePromise;
  onEpochEnd?: (epoch: number, logs?: Logs) => MaybePromise;
  onBatchBegin?: (batch: number, logs?: Logs) => MaybePromise;
  onBatchEnd?: (batch: number, logs?: Logs) => MaybePromise;
  onTestBegin?: (logs?: Logs) => MaybePromise;
  onTestEnd?: (logs?: Logs) => MaybePromise;
  onTestBatchBegin?: (batch: number, logs?: Logs) => MaybePromise;
  onTestBatchEnd?: (batch: number, logs?: Logs) => MaybePromise;
  onPredictBegin?: (logs?: Logs) => MaybePromise;
  onPredictEnd?: (logs?: Logs) => MaybePromise;
  onPredictBatchBegin?: (batch: number, logs?: Logs) => MaybePromise;
  onPredictBatchEnd?: (batch: number, logs?: Logs) => MaybePromise;
  /** Called when the loop yields to the event loop (tfjs' `yieldEvery`). */
  onYield?: (epoch: number, batch: number, logs: Logs) => MaybePromise;
};

export const CUSTOM_CALLBACK_HOOKS: readonly (keyof CustomCallbackArgs)[] = [
  'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd',
  'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd',
  'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin', 'onPredictBatchEnd', 'onYield',
];

/** `{batch, size, <metric>...}` where each metric is a getter that reads once, on first use. */
export function lazyBatchLogs(logs: BatchLogs): Logs {
  let cache: Logs | null = null;
  const out: Logs = { batch: logs.batch, size: logs.size };
  for (const key of logs.keys()) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => (cache ??= logs.read())[key],
    });
  }
  return out;
}

export class LambdaCallback extends Callback {
  private readonly fns: CustomCallbackArgs;

  constructor(args: CustomCallbackArgs) {
    super();
    checkOptions('CustomCallback', args, CUSTOM_CALLBACK_HOOKS);
    for (const [name, fn] of Object.entries(args)) {
      if (fn !== undefined && typeof fn !== 'function') {
        throw new ValueError(`CustomCallback: ${name} must be a function, found ${typeof fn}.`);
      }
    }
    this.fns = { ...args };
  }

  override async onTrainBegin(logs?: Logs): Promise<void> {
    await this.fns.onTrainBegin?.(logs ?? {});
  }
  override async onTrainEnd(logs?: Logs): Promise<void> {
    await this.fns.onTrainEnd?.(logs ?? {});
  }
  override async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    await this.fns.onEpochBegin?.(epoch, logs ?? {});
  }
  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    await this.fns.onEpochEnd?.(epoch, logs);
  }
  override async onBatchBegin(batch: number): Promise<void> {
    await this.fns.onBatchBegin?.(batch, { batch });
  }
  override async onBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    if (this.fns.onBatchEnd) await this.fns.onBatchEnd(batch, lazyBatchLogs(logs));
  }
  override async onTestBegin(logs?: Logs): Promise<void> {
    await this.fns.onTestBegin?.(logs ?? {});
  }
  override async onTestEnd(logs: Logs): Promise<void> {
    await this.fns.onTestEnd?.(logs);
  }
  override async onTestBatchBegin(batch: number): Promise<void> {
    await this.fns.onTestBatchBegin?.(batch, { batch });
  }
  override async onTestBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    if (this.fns.onTestBatchEnd) await this.fns.onTestBatchEnd(batch, lazyBatchLogs(logs));
  }
  override async onPredictBegin(): Promise<void> {
    await this.fns.onPredictBegin?.({});
  }
  override async onPredictEnd(): Promise<void> {
    await this.fns.onPredictEnd?.({});
  }
  override async onPredictBatchBegin(batch: number): Promise<void> {
    await this.fns.onPredictBatchBegin?.(batch, { batch });
  }
  override async onPredictBatchEnd(batch: number, size: number): Promise<void> {
    await this.fns.onPredictBatchEnd?.(batch, { batch, size });
  }
  override async onYield(epoch: number, batch: number, logs: BatchLogs): Promise<void> {
    if (this.fns.onYield) await this.fns.onYield(epoch, batch, lazyBatchLogs(logs));
  }
}

/** tfjs-layers' name for the same thing. */
export { LambdaCallback as CustomCallback };

export function lambdaCallback(args: CustomCallbackArgs): LambdaCallback {
  return new LambdaCallback(args);
}

/** Callback instances as they are; tfjs-style hook objects become LambdaCallbacks. */
export function standardizeCallbacks(arg: Callback | CustomCallbackArgs | Array<Callback | CustomCallbackArgs> | undefined): Callback[] {
  if (arg === undefined || arg === null) return [];
  const list = Array.isArray(arg) ? arg : [arg];
  return list.map((c, i) => {
    if (c instanceof Callback) return c;
    if (typeof c === 'object' && c !== null) return new LambdaCallback(c);
    throw new ValueError(`callbacks[${i}]: expected a Callback or an object of hook functions, found ${c === null ? 'null' : typeof c}.`);
  });
}
