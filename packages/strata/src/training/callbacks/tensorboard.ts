// TensorBoard: writes event files that `tensorboard --logdir` reads — epoch scalars under
// logDir/train and logDir/validation (tags 'epoch_loss', 'epoch_accuracy', as Keras), batch
// scalars ('batch_loss', ...) when updateFreq asks for them, and weight histograms every
// histogramFreq epochs.
import { ValueError } from '../../errors.js';
import { Callback, type BatchLogs, type Logs } from './callback.js';
import { localPath, nodeFs, type NodeFs } from './node-fs.js';
import { checkNumberOption, checkOptions } from './options.js';
import { encodeEvent, frameRecord, histogramOf, type SummaryValue } from './tfevents.js';

export type TensorBoardArgs = {
  /** Directory for the event files (default 'logs'). */
  logDir?: string;
  /** Write weight histograms every this many epochs (0 = never; default 0). */
  histogramFreq?: number;
  /** 'epoch' (default), 'batch', or a number of batches between batch-level scalars. */
  updateFreq?: 'epoch' | 'batch' | number;
};

let fileCounter = 0;

/** One events.out.tfevents.* file; records are appended as they come. */
class EventFileWriter {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: Awaited<ReturnType<NodeFs['fs']['open']>>,
    readonly path: string,
  ) {}

  static async create(dir: string, node: NodeFs): Promise<EventFileWriter> {
    await node.fs.mkdir(dir, { recursive: true });
    const seconds = Math.floor(Date.now() / 1000);
    const proc = (globalThis as { process?: { pid?: number } }).process;
    const name = `events.out.tfevents.${seconds}.${node.os.hostname()}.${proc?.pid ?? 0}.${fileCounter++}.v2`;
    const path = node.path.join(dir, name);
    const writer = new EventFileWriter(await node.fs.open(path, 'w'), path);
    writer.write({ wallTime: Date.now() / 1000, fileVersion: 'brain.Event:2' });
    return writer;
  }

  write(event: Parameters<typeof encodeEvent>[0]): Promise<void> {
    const bytes = frameRecord(encodeEvent(event));
    this.chain = this.chain.then(() => this.handle.appendFile(bytes));
    return this.chain;
  }

  scalars(step: number, logs: Logs, prefix: string): Promise<void> {
    const values: SummaryValue[] = Object.entries(logs).map(([tag, scalar]) => ({ tag: prefix + tag, scalar }));
    return values.length > 0 ? this.write({ wallTime: Date.now() / 1000, step, values }) : this.chain;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}

export class TensorBoard extends Callback {
  readonly logDir: string;
  readonly histogramFreq: number;
  readonly updateFreq: 'epoch' | number;
  private train: EventFileWriter | null = null;
  private validation: EventFileWriter | null = null;
  private trainStep = 0;
  private node: NodeFs | null = null;

  constructor(args: TensorBoardArgs = {}) {
    super();
    checkOptions('TensorBoard', args, ['logDir', 'histogramFreq', 'updateFreq']);
    const logDir = args.logDir ?? 'logs';
    if (typeof logDir !== 'string' || logDir === '') throw new ValueError(`TensorBoard: logDir must be a non-empty path, found ${JSON.stringify(logDir)}.`);
    this.logDir = localPath(logDir);
    this.histogramFreq = checkNumberOption('TensorBoard', 'histogramFreq', args.histogramFreq ?? 0, { min: 0, integer: true });
    const freq = args.updateFreq ?? 'epoch';
    this.updateFreq = freq === 'epoch' ? 'epoch' : freq === 'batch' ? 1 : checkNumberOption('TensorBoard', 'updateFreq', freq, { min: 1, integer: true });
  }

  /** The event files written so far (train, then validation once it exists). */
  get files(): string[] {
    return [this.train?.path, this.validation?.path].filter((p): p is string => p !== undefined);
  }

  override async onTrainBegin(): Promise<void> {
    this.node = await nodeFs('TensorBoard');
    this.trainStep = 0;
    this.train = await EventFileWriter.create(this.node.path.join(this.logDir, 'train'), this.node);
  }

  override async onBatchEnd(_batch: number, logs: BatchLogs): Promise<void> {
    this.trainStep += 1;
    if (this.updateFreq === 'epoch' || !this.train || this.trainStep % this.updateFreq !== 0) return;
    // Batch-level scalars are what makes this callback read batch numbers.
    await this.train.scalars(this.trainStep, logs.read(), 'batch_');
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (!this.train || !this.node) return;
    const trainLogs: Logs = {};
    const valLogs: Logs = {};
    for (const [k, v] of Object.entries(logs)) {
      if (k.startsWith('val_')) valLogs[k.slice(4)] = v;
      else trainLogs[k] = v;
    }
    await this.train.scalars(epoch, trainLogs, 'epoch_');
    if (Object.keys(valLogs).length > 0) {
      this.validation ??= await EventFileWriter.create(this.node.path.join(this.logDir, 'validation'), this.node);
      await this.validation.scalars(epoch, valLogs, 'epoch_');
    }
    if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0) await this.writeHistograms(epoch);
  }

  private async writeHistograms(epoch: number): Promise<void> {
    const weights = this.model?.weights ?? [];
    const values: SummaryValue[] = [];
    for (const w of weights) {
      const data = await w.read().data();
      values.push({ tag: `${w.name.replace(/:/g, '_')}/histogram`, histogram: histogramOf(data as ArrayLike<number>) });
    }
    if (values.length > 0) await this.train!.write({ wallTime: Date.now() / 1000, step: epoch, values });
  }

  override async onTrainEnd(): Promise<void> {
    await this.train?.close();
    await this.validation?.close();
    this.train = null;
    this.validation = null;
  }
}

/** `st.callbacks.tensorBoard('logs', {histogramFreq: 1})` (tfjs-node's signature), or an options object. */
export function tensorBoard(logDirOrArgs: string | TensorBoardArgs = 'logs', args: Omit<TensorBoardArgs, 'logDir'> = {}): TensorBoard {
  return typeof logDirOrArgs === 'string' ? new TensorBoard({ ...args, logDir: logDirOrArgs }) : new TensorBoard(logDirOrArgs);
}
