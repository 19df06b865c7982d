// Batches that come from user code rather than tensors: async iterables, iterables, generators,
// tfjs `Dataset`s (anything with `iterator()`), or a function returning one of those (called
// again for each pass). Each element is one batch: `{xs, ys, sampleWeight?}` as tfjs'
// fitDataset takes, or a Keras-style tuple `[xs, ys, sampleWeight?]`.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError } from '../errors.js';
import { assertSameSampleCount, toTensorList, type Batch, type DataInput } from './data-adapter.js';

/** One model input or output per entry: a tensor, a nested number array, a list, or a record by name. */
export type BatchTensors = DataInput | { [name: string]: Tensor | DataInput };

export type BatchElement =
  | { xs: BatchTensors; ys?: BatchTensors; sampleWeight?: Tensor | number[] }
  | [BatchTensors, BatchTensors?, (Tensor | number[])?];

/** tfjs-data's Dataset, by shape: `iterator()` gives a fresh pass. */
export interface DatasetLike<T> {
  iterator(): Promise<{ next(): Promise<IteratorResult<T>> }>;
}

/** Iterable but not an array (arrays are tensor data). */
export type NonArrayIterable<T> = Iterable<T> & { readonly length?: undefined };

type AnyIterator<T> = Iterator<T> | AsyncIterator<T> | { next(): Promise<IteratorResult<T>> };

export type BatchSource<T = BatchElement> =
  | AsyncIterable<T>
  | NonArrayIterable<T>
  | DatasetLike<T>
  | (() => AnyIterator<T> | AsyncIterable<T> | NonArrayIterable<T>);

/** Whether a fit / evaluate / predict argument is a batch source (rather than tensor data). */
export function isBatchSource(value: unknown): value is BatchSource<unknown> {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof tf.Tensor) return false;
  if (typeof value === 'function') return true;
  if (typeof value !== 'object') return false;
  const v = value as Record<PropertyKey, unknown>;
  return typeof v[Symbol.asyncIterator] === 'function' || typeof v[Symbol.iterator] === 'function' || typeof v.iterator === 'function';
}

/** A uniform async `next()` over any source; `close()` ends a generator early. */
export type Pass<T> = { next(): Promise<IteratorResult<T>>; close(): Promise<void> };

function fromIterator<T>(it: AnyIterator<T>): Pass<T> {
  return {
    next: async () => (await it.next()) as IteratorResult<T>,
    close: async () => {
      const ret = (it as { return?: () => unknown }).return;
      if (typeof ret === 'function') await ret.call(it);
    },
  };
}

function isIterator(value: unknown): value is AnyIterator<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { next?: unknown }).next === 'function';
}

/** Starts a pass over the source (a generator object yields its remaining elements). */
export async function openPass<T>(source: BatchSource<T>, where: string): Promise<Pass<T>> {
  let value: unknown = source;
  if (typeof value === 'function') value = (value as () => unknown)();
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<PropertyKey, unknown>;
    if (typeof v[Symbol.asyncIterator] === 'function') return fromIterator((v[Symbol.asyncIterator] as () => AsyncIterator<T>).call(v));
    if (typeof v[Symbol.iterator] === 'function' && !Array.isArray(v)) return fromIterator((v[Symbol.iterator] as () => Iterator<T>).call(v));
    if (typeof v.iterator === 'function') return fromIterator(await (v.iterator as () => Promise<AnyIterator<T>>).call(v));
    if (isIterator(value)) return fromIterator(value as AnyIterator<T>);
  }
  throw new ValueError(
    `${where}: expected an iterable, async iterable, generator, tfjs Dataset, or a function returning one, found ${value === null ? 'null' : typeof value}.`,
  );
}

function isPlainRecord(value: unknown): value is Record<string, Tensor | DataInput> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof tf.Tensor);
}

/** Converts one side (inputs or targets) to a tensor list, ordering a record by the model's names. */
function sideToTensors(value: BatchTensors, names: readonly string[] | null, what: string, owned: Tensor[]): Tensor[] {
  if (isPlainRecord(value)) {
    if (!names) throw new ValueError(`${what}: given as a record by name, but the model's ${what.endsWith('xs') ? 'inputs' : 'outputs'} have no names to match.`);
    const keys = Object.keys(value);
    const unknown = keys.filter((k) => !names.includes(k));
    const missing = names.filter((n) => !keys.includes(n));
    if (unknown.length > 0 || missing.length > 0) {
      throw new ValueError(`${what}: the record has keys ${keys.join(', ') || '(none)'}, but the model's names are ${names.join(', ')}.`);
    }
    return names.map((n) => sideToTensors(value[n] as DataInput, null, `${what}.${n}`, owned)[0]);
  }
  const { tensors, owned: made } = toTensorList(value as DataInput, what);
  owned.push(...made);
  return tensors;
}

export type ElementNames = { inputs: readonly string[] | null; outputs: readonly string[] | null };

/**
 * Turns one yielded element into a batch. The loop owns (and disposes) every tensor in it, as
 * tfjs' fitDataset does; a tensor that is already disposed gets a clear error.
 */
export function elementToBatch(element: unknown, names: ElementNames, where: string, needTargets: boolean): Batch {
  let xs: unknown;
  let ys: unknown;
  let sw: unknown;
  if (Array.isArray(element) && element.length >= 1 && element.length <= 3 && !element.every((e) => typeof e === 'number')) {
    [xs, ys, sw] = element;
  } else if (isPlainRecord(element) && 'xs' in element) {
    const e = element as { xs: unknown; ys?: unknown; sampleWeight?: unknown };
    const unknown = Object.keys(e).filter((k) => !['xs', 'ys', 'sampleWeight'].includes(k));
    if (unknown.length > 0) throw new ValueError(`${where}: unknown key(s) ${unknown.join(', ')} in a batch; expected {xs, ys, sampleWeight}.`);
    ({ xs, ys, sampleWeight: sw } = e);
  } else {
    throw new ValueError(`${where}: expected each element to be {xs, ys} (or [xs, ys, sampleWeight]), found ${describe(element)}.`);
  }
  if (needTargets && (ys === undefined || ys === null)) {
    throw new ValueError(`${where}: the batch has no targets (ys); training and evaluation need {xs, ys}.`);
  }
  const owned: Tensor[] = [];
  try {
    const x = sideToTensors(xs as BatchTensors, names.inputs, `${where}: xs`, owned);
    const y = ys === undefined || ys === null ? [] : sideToTensors(ys as BatchTensors, names.outputs, `${where}: ys`, owned);
    const sampleWeight = sw === undefined || sw === null ? null : sideToTensors(sw as DataInput, null, `${where}: sampleWeight`, owned)[0];
    const all = [...x, ...y, ...(sampleWeight ? [sampleWeight] : [])];
    const dead = all.find((t) => t.isDisposed);
    if (dead) {
      throw new ValueError(
        `${where}: a yielded tensor is already disposed. The loop disposes each batch after using it (as tfjs' fitDataset does); yield new tensors per batch (e.g. tf.clone(t)).`,
      );
    }
    const groups: Record<string, Tensor[]> = { xs: x, ys: y };
    if (sampleWeight) groups.sampleWeight = [sampleWeight];
    const size = assertSameSampleCount(groups, where);
    return { x, y, sampleWeight, size };
  } catch (e) {
    tf.dispose(owned);
    disposeElement(element);
    throw e;
  }
}

/** Frees the tensors of an element that could not become a batch. */
export function disposeElement(element: unknown): void {
  const found: Tensor[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 3) return;
    if (v instanceof tf.Tensor) found.push(v);
    else if (Array.isArray(v)) v.forEach((e) => walk(e, depth + 1));
    else if (isPlainRecord(v)) Object.values(v).forEach((e) => walk(e, depth + 1));
  };
  walk(element, 0);
  tf.dispose(found);
}

function describe(value: unknown): string {
  if (value instanceof tf.Tensor) return 'a bare tensor';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  return typeof value;
}
