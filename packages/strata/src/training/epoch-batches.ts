// The batches of each epoch, whatever the data: tensors (sliced, shuffled per pass) or a batch
// source (iterables, generators, Datasets). With `steps`, training draws exactly that many
// batches per epoch from a stream that continues across epochs; evaluation takes the first
// `steps` batches of a fresh pass.
import { ValueError } from '../errors.js';
import { TensorBatches, disposeBatch, type Batch } from './data-adapter.js';
import { elementToBatch, openPass, type BatchSource, type ElementNames, type Pass } from './batch-source.js';
import { classWeightsToSampleWeights } from './class-weight.js';

export interface EpochBatches {
  /** Batches per epoch, when known (null for a source of unknown length). */
  readonly steps: number | null;
  readonly samples: number | null;
  readonly batchSize: number | null;
  /** Set when a stream with `steps` ended before giving that many batches. */
  readonly ranOut: boolean;
  /** The batches of one epoch. The consumer disposes each batch (disposeBatch). */
  epoch(shuffle: boolean): AsyncGenerator<Batch>;
  close(): Promise<void>;
}

/** 'stream': `steps` batches per epoch from a stream that continues; 'first': the first `steps` of a fresh pass. */
export type StepsMode = 'stream' | 'first';

export class TensorEpochs implements EpochBatches {
  readonly steps: number;
  readonly ranOut = false;
  private stream: Generator<Batch> | null = null;

  constructor(
    private readonly batches: TensorBatches,
    private readonly stepLimit: number | null = null,
    private readonly mode: StepsMode = 'first',
  ) {
    this.steps = stepLimit ?? batches.numBatches;
  }

  get samples(): number | null {
    return this.stepLimit === null ? this.batches.numSamples : null;
  }
  get batchSize(): number {
    return this.batches.batchSize;
  }

  private *repeated(shuffle: boolean): Generator<Batch> {
    for (;;) yield* this.batches.batches(shuffle);
  }

  async *epoch(shuffle: boolean): AsyncGenerator<Batch> {
    if (this.stepLimit === null) {
      yield* this.batches.batches(shuffle);
      return;
    }
    const source = this.mode === 'stream' ? (this.stream ??= this.repeated(shuffle)) : this.batches.batches(false);
    for (let i = 0; i < this.stepLimit; i++) {
      const next = source.next();
      if (next.done) return;
      yield next.value;
    }
  }

  async close(): Promise<void> {
    this.stream = null;
  }
}

export type SourceEpochsOptions = {
  names: ElementNames;
  where: string;
  /** Whether batches must have targets (training and evaluation do, prediction does not). */
  needTargets: boolean;
  steps?: number | null;
  mode?: StepsMode;
  /** Dense class-weight table: the batch's sample weights come from its targets. */
  classWeights?: number[] | null;
  /** Checks each batch (index counts from the start of the loop); throws to reject it. */
  inspect?: (batch: Batch, index: number) => void;
};

export class SourceEpochs implements EpochBatches {
  readonly samples = null;
  readonly batchSize = null;
  ranOut = false;
  private pass: Pass<unknown> | null = null;
  private seen = 0;

  constructor(
    private readonly source: BatchSource<unknown>,
    private readonly options: SourceEpochsOptions,
  ) {}

  get steps(): number | null {
    return this.options.steps ?? null;
  }

  async *epoch(): AsyncGenerator<Batch> {
    const { steps = null, mode = 'first' } = this.options;
    const streaming = steps !== null && mode === 'stream';
    const pass = streaming ? (this.pass ??= await openPass(this.source, this.options.where)) : await openPass(this.source, this.options.where);
    try {
      for (let i = 0; steps === null || i < steps; i++) {
        const next = await pass.next();
        if (next.done) {
          if (streaming) this.ranOut = true;
          return;
        }
        yield this.toBatch(next.value);
      }
    } finally {
      // A fresh pass ends with its epoch; a stream stays open for the next one.
      if (!streaming) await pass.close();
    }
  }

  private toBatch(element: unknown): Batch {
    const index = this.seen++;
    const where = `${this.options.where} (batch ${index})`;
    const batch = elementToBatch(element, this.options.names, where, this.options.needTargets);
    try {
      if (this.options.classWeights) {
        if (batch.sampleWeight) throw new ValueError(`${where}: give classWeight or per-batch sample weights, not both.`);
        if (batch.y.length !== 1) throw new ValueError(`${where}: classWeight needs exactly one target per batch, found ${batch.y.length}.`);
        batch.sampleWeight = classWeightsToSampleWeights(batch.y[0], this.options.classWeights, where);
      }
      this.options.inspect?.(batch, index);
      return batch;
    } catch (e) {
      disposeBatch(batch);
      throw e;
    }
  }

  async close(): Promise<void> {
    const pass = this.pass;
    this.pass = null;
    await pass?.close();
  }
}
