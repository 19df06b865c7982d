// The binary weight layout of tfjs' weights manifest: values back to back in manifest order,
// float32/int32 as 4 little-endian bytes, bool as 1, or quantized (uint8/uint16 affine,
// float16). Written here rather than through tf.io so that every malformed manifest entry
// gives a ModelFileError that names the file and the weight.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError, formatShape } from '../../errors.js';
import { decodeFloat16, encodeFloat16 } from './float16.js';

export type Quantization = 'float16' | 'uint8' | 'uint16';
export const QUANTIZATIONS: readonly Quantization[] = ['float16', 'uint8', 'uint16'];

export type WeightGroup = 'model' | 'optimizer';
export type WeightEntry = { name: string; tensor: Tensor; group?: WeightGroup };
export type ManifestEntry = tf.io.WeightsManifestEntry;

/** One decoded weight: values as plain arrays, turned into tensors by whoever assigns them. */
export type DecodedWeight = {
  name: string;
  group: string | undefined;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  values: Float32Array | Int32Array | Uint8Array;
};

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

export async function encodeWeightEntries(
  entries: readonly WeightEntry[],
  quantize: Quantization | null = null,
): Promise<{ data: ArrayBuffer; specs: ManifestEntry[] }> {
  const parts: Uint8Array[] = [];
  const specs: ManifestEntry[] = [];
  for (const { name, tensor, group } of entries) {
    const spec: ManifestEntry = { name, shape: [...tensor.shape], dtype: tensor.dtype as ManifestEntry['dtype'] };
    if (group) spec.group = group;
    const values = await tensor.data();
    // Only float model weights are quantized: optimizer state must stay exact to resume training.
    if (quantize && tensor.dtype === 'float32' && group !== 'optimizer') {
      const { bytes, quantization } = quantizeValues(values as Float32Array, quantize);
      spec.quantization = quantization;
      parts.push(bytes);
    } else if (tensor.dtype === 'float32') {
      parts.push(new Uint8Array(Float32Array.from(values as Float32Array).buffer));
    } else if (tensor.dtype === 'int32') {
      parts.push(new Uint8Array(Int32Array.from(values as Int32Array).buffer));
    } else if (tensor.dtype === 'bool') {
      parts.push(Uint8Array.from(values as Uint8Array));
    } else {
      throw new ModelFileError(`Cannot save weight '${name}': dtype '${tensor.dtype}' has no binary layout (expected float32, int32 or bool).`);
    }
    specs.push(spec);
  }
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return { data: data.buffer, specs };
}

function quantizeValues(values: Float32Array, kind: Quantization): { bytes: Uint8Array; quantization: NonNullable<ManifestEntry['quantization']> } {
  if (kind === 'float16') return { bytes: new Uint8Array(encodeFloat16(values).buffer), quantization: { dtype: 'float16' } };
  // Affine: value ≈ min + scale * q with q in [0, 2^bits - 1].
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) min = max = 0;
  const levels = kind === 'uint8' ? 255 : 65535;
  const scale = max > min ? (max - min) / levels : 1;
  const q = kind === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.min(levels, Math.max(0, Math.round((values[i] - min) / scale)));
  return { bytes: new Uint8Array(q.buffer), quantization: { dtype: kind, min, scale } };
}

function isShape(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
}

/** Checks one manifest entry read from a file, returning its byte size. */
function checkSpec(spec: unknown, index: number, source: string): { spec: ManifestEntry; bytes: number } {
  const where = `${source}: weights manifest entry ${index}`;
  if (spec === null || typeof spec !== 'object') throw new ModelFileError(`${where} should be an object, found ${JSON.stringify(spec)}.`);
  const s = spec as Partial<ManifestEntry> & { [key: string]: unknown };
  if (typeof s.name !== 'string') throw new ModelFileError(`${where} has no string 'name'.`);
  const named = `${source}: weight '${s.name}'`;
  if (!isShape(s.shape)) throw new ModelFileError(`${named} has shape ${JSON.stringify(s.shape)}; expected a list of non-negative integers.`);
  if (s.dtype !== 'float32' && s.dtype !== 'int32' && s.dtype !== 'bool') {
    throw new ModelFileError(`${named} has dtype ${JSON.stringify(s.dtype)}; expected 'float32', 'int32' or 'bool'.`);
  }
  if (s.group !== undefined && typeof s.group !== 'string') throw new ModelFileError(`${named} has a non-string 'group'.`);
  const count = s.shape.reduce((a, b) => a * b, 1);
  let perValue = BYTES[s.dtype];
  if (s.quantization !== undefined) {
    const q = s.quantization as { dtype?: unknown; min?: unknown; scale?: unknown } | null;
    const kind = q?.dtype;
    if (kind !== 'float16' && kind !== 'uint8' && kind !== 'uint16') {
      throw new ModelFileError(`${named} has quantization ${JSON.stringify(q)}; expected dtype 'uint8', 'uint16' or 'float16'.`);
    }
    if (kind === 'float16' && s.dtype !== 'float32') throw new ModelFileError(`${named}: float16 quantization needs dtype float32, found ${s.dtype}.`);
    if (kind !== 'float16' && !(Number.isFinite(q!.min) && Number.isFinite(q!.scale))) {
      throw new ModelFileError(`${named}: ${kind} quantization needs finite 'min' and 'scale', found ${JSON.stringify(q)}.`);
    }
    if (s.dtype === 'bool') throw new ModelFileError(`${named}: a bool weight cannot be quantized.`);
    perValue = BYTES[kind];
  }
  return { spec: s as ManifestEntry, bytes: count * perValue };
}

/** Byte size of each manifest entry, checking each one (errors name `source` and the weight). */
export function manifestByteSizes(specs: unknown, source: string): { name: string; bytes: number }[] {
  if (!Array.isArray(specs)) throw new ModelFileError(`${source}: the weights manifest should be a list, found ${typeof specs}.`);
  return specs.map((s, i) => {
    const { spec, bytes } = checkSpec(s, i, source);
    return { name: spec.name, bytes };
  });
}

/**
 * Decodes `data` against `specs`. The total size is checked before anything is read, so a
 * truncated or padded weights file, or a manifest that disagrees with it, fails as a whole.
 */
export function decodeWeightData(data: ArrayBuffer, specs: unknown, source: string): DecodedWeight[] {
  if (!Array.isArray(specs)) throw new ModelFileError(`${source}: the weights manifest should be a list, found ${typeof specs}.`);
  const checked = specs.map((s, i) => checkSpec(s, i, source));
  const expected = checked.reduce((n, c) => n + c.bytes, 0);
  if (expected !== data.byteLength) {
    throw new ModelFileError(
      `${source}: the weights manifest describes ${expected} bytes (${checked.length} weights), but the weight data has ${data.byteLength} bytes (truncated or mismatched file).`,
    );
  }
  const seen = new Set<string>();
  let offset = 0;
  return checked.map(({ spec, bytes }) => {
    if (seen.has(spec.name)) throw new ModelFileError(`${source}: weight '${spec.name}' is listed twice in the manifest.`);
    seen.add(spec.name);
    const chunk = data.slice(offset, offset + bytes);
    offset += bytes;
    return { name: spec.name, group: spec.group, shape: [...spec.shape], dtype: spec.dtype as DecodedWeight['dtype'], values: decodeValues(spec, chunk) };
  });
}

function decodeValues(spec: ManifestEntry, chunk: ArrayBuffer): DecodedWeight['values'] {
  const q = spec.quantization;
  if (!q) {
    if (spec.dtype === 'float32') return new Float32Array(chunk);
    if (spec.dtype === 'int32') return new Int32Array(chunk);
    return new Uint8Array(chunk);
  }
  if (q.dtype === 'float16') return decodeFloat16(new Uint16Array(chunk));
  const raw = q.dtype === 'uint8' ? new Uint8Array(chunk) : new Uint16Array(chunk);
  const out = spec.dtype === 'int32' ? new Int32Array(raw.length) : new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] * q.scale! + q.min!;
    out[i] = spec.dtype === 'int32' ? Math.round(v) : v;
  }
  return out;
}

/** A tensor for a decoded weight (the caller disposes it). */
export function decodedTensor(w: DecodedWeight): Tensor {
  return tf.tensor(w.values, w.shape, w.dtype);
}

export function describeShapeMismatch(source: string, name: string, found: number[], expected: number[]): ModelFileError {
  return new ModelFileError(`${source}: weight '${name}' has shape ${formatShape(found)} in the file, but the model expects ${formatShape(expected)}.`);
}
