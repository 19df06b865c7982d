// Turns user data (tensors or nested arrays) into batches for fit / evaluate / predict.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';

/** A tensor, a nested number array, or one of those per model input/output. */
export type TensorLike = Tensor | number[] | number[][] | number[][][] | number[][][][];
export type DataInput = TensorLike | Tensor[];

export type Batch = { x: Tensor[]; y: Tensor[]; sampleWeight: Tensor | null; size: number };

/** Normalizes one input (or list of inputs) to a list of tensors; `owned` are the ones we created. */
export function toTensorList(data: DataInput, what: string): { tensors: Tensor[]; owned: Tensor[] } {
  if (data instanceof tf.Tensor) return { tensors: [data], owned: [] };
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof tf.Tensor)) {
    return { tensors: data as Tensor[], owned: [] };
  }
  if (Array.isArray(data)) {
    let tensor: Tensor;
    try {
      tensor = tf.tensor(data as number[]);
    } catch (e) {
      throw new ValueError(`${what}: expected a tensor or a rectangular array of numbers (${(e as Error).message}).`);
    }
    return { tensors: [tensor], owned: [tensor] };
  }
  throw new ValueError(`${what}: expected a tensor, an array of tensors or a nested number array, found ${typeof data}.`);
}

/** Checks that every tensor has the same number of samples (first dimension). */
export function assertSameSampleCount(groups: Record<string, Tensor[]>, where: string): number {
  let count: number | null = null;
  let first = '';
  for (const [name, tensors] of Object.entries(groups)) {
    for (const [i, t] of tensors.entries()) {
      const label = tensors.length > 1 ? `${name}[${i}]` : name;
      if (t.rank === 0) throw new ValueError(`${where}: ${label} must have a batch dimension, found a scalar.`);
      if (count === null) {
        count = t.shape[0];
        first = label;
      } else if (t.shape[0] !== count) {
        throw new ValueError(
          `${where}: ${first} has ${count} samples but ${label} has ${t.shape[0]} (shape ${formatShape(t.shape)}); the first dimension of every input and target is the sample count.`,
        );
      }
    }
  }
  return count ?? 0;
}

/** Slices the last `fraction` of the samples off for validation, as Keras does (before shuffling). */
export function splitForValidation(
  tensors: Tensor[],
  fraction: number,
): { train: Tensor[]; validation: Tensor[] } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new ValueError(`fit(): validationSplit must be in (0, 1), found ${fraction}.`);
  }
  const n = tensors[0].shape[0];
  const splitAt = Math.floor(n * (1 - fraction));
  if (splitAt === 0 || splitAt === n) {
    throw new ValueError(`fit(): validationSplit ${fraction} of ${n} samples leaves an empty training or validation set.`);
  }
  return {
    train: tensors.map((t) => tf.slice(t, 0, splitAt)),
    validation: tensors.map((t) => tf.slice(t, splitAt, n - splitAt)),
  };
}

/**
 * Backends whose tensors live in host memory. There, shuffled batches are assembled on the host
 * (one memcpy per row) from a copy read once per fit: tfjs' gather kernels copy element by
 * element and cost ~15% of an MLP step on wasm. Elsewhere (GPU) batches are gathered on the device.
 */
const HOST_MEMORY_BACKENDS = new Set(['cpu', 'wasm']);

type RowSource = { values: tf.TypedArray; rowSize: number; shape: number[]; dtype: tf.DataType };

function readRows(t: Tensor): RowSource {
  return { values: t.dataSync() as tf.TypedArray, rowSize: t.size / t.shape[0], shape: t.shape, dtype: t.dtype };
}

function gatherRows(source: RowSource, order: Uint32Array, start: number, size: number): Tensor {
  const out = new (source.values.constructor as { new (n: number): tf.TypedArray })(size * source.rowSize);
  for (let i = 0; i < size; i++) {
    const row = order[start + i];
    out.set(source.values.subarray(row * source.rowSize, (row + 1) * source.rowSize), i * source.rowSize);
  }
  return tf.tensor(out, [size, ...source.shape.slice(1)], source.dtype);
}

/** Batches over tensors already on the device; shuffling reorders rows with a fresh permutation per epoch. */
export class TensorBatches {
  readonly numSamples: number;
  readonly numBatches: number;
  private hostRows: RowSource[] | null = null;

  constructor(
    private readonly x: Tensor[],
    private readonly y: Tensor[],
    private readonly sampleWeight: Tensor | null,
    readonly batchSize: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new ValueError(`batchSize must be a positive integer, found ${JSON.stringify(batchSize)}.`);
    }
    this.numSamples = x[0].shape[0];
    this.numBatches = Math.ceil(this.numSamples / batchSize);
  }

  private get all(): Tensor[] {
    return [...this.x, ...this.y, ...(this.sampleWeight ? [this.sampleWeight] : [])];
  }

  private shuffledTaker(order: Uint32Array): (index: number, start: number, size: number) => Tensor {
    const canUseHost = HOST_MEMORY_BACKENDS.has(tf.getBackend()) && this.all.every((t) => t.dtype !== 'string');
    if (canUseHost) {
      this.hostRows ??= this.all.map(readRows);
      const rows = this.hostRows;
      return (index, start, size) => gatherRows(rows[index], order, start, size);
    }
    const all = this.all;
    return (index, start, size) =>
      tf.tidy(() => tf.gather(all[index], tf.tensor1d(Array.from(order.subarray(start, start + size)), 'int32')));
  }

  /** Yields the batches of one epoch. The caller disposes each batch's tensors (tidy). */
  *batches(shuffle: boolean): Generator<Batch> {
    const order = shuffle ? tf.util.createShuffledIndices(this.numSamples) : null;
    const take = order ? this.shuffledTaker(order) : (index: number, start: number, size: number) => tf.slice(this.all[index], start, size);
    const nx = this.x.length;
    const ny = this.y.length;
    for (let b = 0; b < this.numBatches; b++) {
      const start = b * this.batchSize;
      const size = Math.min(this.batchSize, this.numSamples - start);
      yield {
        x: this.x.map((_, i) => take(i, start, size)),
        y: this.y.map((_, i) => take(nx + i, start, size)),
        sampleWeight: this.sampleWeight ? take(nx + ny, start, size) : null,
        size,
      };
    }
  }
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([...batch.x, ...batch.y]);
  if (batch.sampleWeight) batch.sampleWeight.dispose();
}
