// HDF5 through h5wasm (the reference HDF5 C library compiled to WebAssembly), loaded on first
// use so that importing Strata never pulls in 4 MB of wasm. Files live in h5wasm's in-memory
// file system only while they are read or written; callers exchange plain bytes.
import type * as H5 from 'h5wasm';
import { ModelFileError } from '../../errors.js';
import { decodeFloat16 } from './float16.js';

type H5Api = typeof H5.default;
export type H5Group = H5.Group;
export type H5Dataset = H5.Dataset;

let loading: Promise<H5Api> | null = null;
/** Set once h5wasm is ready; the sync helpers below run only inside readHdf5 / writeHdf5. */
let api: H5Api | null = null;
let fileCounter = 0;

/** The h5wasm module, instantiated once. HDF5 errors become exceptions instead of stderr output. */
export function loadHdf5(): Promise<H5Api> {
  loading ??= (async () => {
    const mod = await import('h5wasm');
    const loaded = mod.default;
    const module = await loaded.ready;
    api = loaded;
    module.activate_throwing_error_handler();
    return loaded;
  })();
  return loading;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5's signature sits at byte 0, or at 512, 1024, 2048, ... after a user block. */
export function looksLikeHdf5(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

/** The one line worth showing from an HDF5 error stack (its innermost 'minor:' reason). */
export function hdf5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const minors = [...text.matchAll(/minor: (.*)/g)].map((m) => m[1].trim());
  if (minors.length > 0) return minors[minors.length - 1];
  return text.split('\n')[0].slice(0, 200);
}

/**
 * Opens `bytes` as an HDF5 file, hands its root group to `read`, and always closes and frees
 * it. Any failure inside (a damaged file makes the HDF5 library itself throw) becomes a
 * ModelFileError naming `source`.
 */
export async function readHdf5<T>(bytes: Uint8Array, source: string, read: (root: H5Group) => T): Promise<T> {
  if (!looksLikeHdf5(bytes)) {
    throw new ModelFileError(`${source}: not an HDF5 file (no HDF5 signature in its ${bytes.length} bytes).`);
  }
  const h5 = await loadHdf5();
  const { FS } = await h5.ready;
  const name = `/strata-read-${++fileCounter}.h5`;
  FS.writeFile(name, bytes);
  let file: H5.File | null = null;
  try {
    try {
      file = new h5.File(name, 'r');
    } catch (e) {
      throw new ModelFileError(`${source}: HDF5 cannot open the file: ${hdf5Reason(e)}.`);
    }
    try {
      return read(file);
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      throw new ModelFileError(`${source}: HDF5 read failed: ${hdf5Reason(e)}.`);
    }
  } finally {
    try {
      file?.close();
    } catch {
      // A damaged file may fail to close; its memory is freed with the unlink below.
    }
    FS.unlink(name);
  }
}

/** Creates an HDF5 file in memory, lets `write` fill it, and returns its bytes. */
export async function writeHdf5(write: (root: H5Group) => void): Promise<Uint8Array> {
  const h5 = await loadHdf5();
  const { FS } = await h5.ready;
  const name = `/strata-write-${++fileCounter}.h5`;
  try {
    const file = new h5.File(name, 'w');
    try {
      write(file);
    } finally {
      file.close();
    }
    return FS.readFile(name);
  } finally {
    // The in-memory file must go whether the write succeeded or not.
    try {
      FS.unlink(name);
    } catch {
      // never created
    }
  }
}

// ---- reading helpers --------------------------------------------------------------------------

export function childGroup(group: H5Group, name: string): H5Group | null {
  if (!group.keys().includes(name)) return null;
  const child = group.get(name);
  return child instanceof api!.Group ? child : null;
}

export function childDataset(group: H5Group, name: string): H5Dataset | null {
  const child = group.get(name);
  return child instanceof api!.Dataset ? child : null;
}

/** A group at a '/'-separated path, or null when any step is missing or not a group. */
export function groupAt(root: H5Group, path: string): H5Group | null {
  let group: H5Group | null = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    group = group && childGroup(group, part);
  }
  return group;
}

/** A string attribute (fixed or variable length, as h5py writes `str` and `bytes`), or null. */
export function stringAttr(node: H5Group, name: string): string | null {
  const attr = node.attrs[name];
  if (!attr) return null;
  const value = attr.value;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  return null;
}

/**
 * A list-of-strings attribute. Keras splits long lists into `name0`, `name1`, ... when they pass
 * HDF5's 64 KB header limit; those are joined back. An empty numeric array reads as [].
 */
export function stringListAttr(node: H5Group, name: string, where: string): string[] {
  const attrs = node.attrs;
  const toList = (key: string): string[] => {
    const value = attrs[key].value;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    if (ArrayBuffer.isView(value) && (value as ArrayLike<number>).length === 0) return [];
    throw new ModelFileError(`${where}: attribute '${key}' should be a list of strings, found ${describeValue(value)}.`);
  };
  if (name in attrs) return toList(name);
  const out: string[] = [];
  for (let chunk = 0; `${name}${chunk}` in attrs; chunk++) out.push(...toList(`${name}${chunk}`));
  return out;
}

function describeValue(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

export type NumericArray = { shape: number[]; dtype: 'float32' | 'int32'; values: Float32Array | Int32Array };

/** Datasets larger than this (elements) are refused before reading: a damaged header, not a weight. */
const MAX_ELEMENTS = 2 ** 28;

/**
 * A dataset as float32 (from float16/32/64) or int32 (from any integer type, e.g. Keras' int64
 * iteration count). With `expectedShape`, a mismatch fails before any data is read.
 */
export function readNumeric(ds: H5Dataset, where: string, expectedShape?: number[]): NumericArray {
  const meta = ds.metadata;
  const shape = ds.shape ?? [];
  const count = shape.reduce((a, b) => a * b, 1);
  if (expectedShape && (shape.length !== expectedShape.length || shape.some((d, i) => d !== expectedShape[i]))) {
    throw new ModelFileError(`${where} has shape [${shape.join(', ')}] in the file, but the model expects [${expectedShape.join(', ')}].`);
  }
  if (!(count <= MAX_ELEMENTS)) throw new ModelFileError(`${where}: implausible dataset shape [${shape.join(', ')}].`);
  const raw = ds.value;
  const isFloat = meta.type === 1;
  const isInt = meta.type === 0;
  let values: Float32Array | Int32Array;
  if (isFloat && meta.size === 2 && raw instanceof Uint8Array) {
    values = decodeFloat16(new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
  } else if (isFloat && (raw instanceof Float32Array || raw instanceof Float64Array)) {
    values = Float32Array.from(raw);
  } else if (isFloat && typeof raw === 'number') {
    values = Float32Array.of(raw);
  } else if (isInt && (typeof raw === 'number' || typeof raw === 'bigint')) {
    values = Int32Array.of(Number(raw));
  } else if (isInt && ArrayBuffer.isView(raw) && !(raw instanceof DataView)) {
    values = Int32Array.from(Array.from(raw as ArrayLike<number | bigint>, (v) => Number(v)));
  } else {
    throw new ModelFileError(`${where}: unsupported HDF5 data type (class ${meta.type}, ${meta.size} bytes); expected float or integer numbers.`);
  }
  if (values.length !== count) {
    throw new ModelFileError(`${where}: the dataset has shape [${shape.join(', ')}] but holds ${values.length} values.`);
  }
  return { shape, dtype: isFloat ? 'float32' : 'int32', values };
}

// ---- writing helpers --------------------------------------------------------------------------

/** Creates (or returns) the group at a '/'-separated path, making the missing steps. */
export function ensureGroup(root: H5Group, path: string): H5Group {
  let group = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    group = childGroup(group, part) ?? group.create_group(part);
  }
  return group;
}

/** Writes float32 data as '<f4' and int32 as '<i4' (int64 '<i8' for Keras' iteration counter). */
export function writeNumeric(
  group: H5Group,
  name: string,
  data: Float32Array | Int32Array,
  shape: number[],
  options: { int64?: boolean } = {},
): void {
  if (data instanceof Int32Array && options.int64) {
    group.create_dataset({ name, data: BigInt64Array.from(data, (v) => BigInt(v)), shape, dtype: '<q' });
  } else {
    group.create_dataset({ name, data, shape, dtype: data instanceof Int32Array ? '<i' : '<f' });
  }
}

/** A list of strings as h5py stores `[b'...', ...]`: a fixed-length string array attribute. */
export function writeStringListAttr(node: H5Group, name: string, values: string[]): void {
  if (values.length === 0) {
    // h5py writes an empty list as an empty float64 array; Keras reads it as "no weights".
    node.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  const width = Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length));
  node.create_attribute(name, values, [values.length], `S${width}`);
}
