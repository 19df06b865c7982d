// The entry points: `model.save(target, options)`, `loadModel(pathOrUrl)` (any supported format,
// detected), and tfjs' `loadLayersModel`. The tfjs layers-model format goes through tfjs-core
// IOHandlers (file://, indexeddb://, localstorage://, downloads://, http(s)://, custom ones);
// .keras and .h5 are single binary files, and their code (with h5wasm) loads only when used.
import { loadFs } from '../runtime/node-builtin.js';
import type { tf } from '../runtime/tf.js';
import type { Model } from '../engine/model.js';
import { ModelFileError, ValueError } from '../errors.js';
import type { JsonObject } from './serialization.js';
import { artifactsToModel, modelToArtifacts, type LoadOptions } from './formats/tfjs-layers-model.js';
import { QUANTIZATIONS, type Quantization } from './formats/weight-codec.js';
import { looksLikeHdf5 } from './formats/hdf5.js';
import { resolveLoadHandler, resolveSaveHandler, type ModelTarget } from './io/handlers.js';
import { isLocalPath, readBinary, stripFileScheme, writeBinaryAtomic } from './io/binary-file.js';

export type { LoadOptions } from './formats/tfjs-layers-model.js';

/** 'tfjs': model.json + shards (native); 'keras': Keras 3 .keras; 'h5': legacy Keras .h5. */
export type ModelFormat = 'tfjs' | 'keras' | 'h5';
export const MODEL_FORMATS: readonly ModelFormat[] = ['tfjs', 'keras', 'h5'];

export type SaveOptions = {
  /** Default: from the target's extension (.keras, .h5 / .hdf5), else 'tfjs'. */
  format?: ModelFormat;
  /** Also save the optimizer state (and compile arguments) so that training resumes exactly. */
  includeOptimizer?: boolean;
  /** tfjs format only: store float weights as float16 (half the bytes), or uint8/uint16. */
  quantize?: Quantization | null;
  /** tfjs format only: stored as model.json's `userDefinedMetadata`. */
  metadata?: JsonObject;
};

export function formatFromName(name: string): ModelFormat | null {
  const lower = name.toLowerCase().split(/[?#]/)[0];
  if (lower.endsWith('.keras')) return 'keras';
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) return 'h5';
  if (lower.endsWith('.json')) return 'tfjs';
  return null;
}

function checkSaveOptions(options: SaveOptions, format: ModelFormat): void {
  if (!MODEL_FORMATS.includes(format)) throw new ValueError(`save(): unknown format '${String(format)}'. Expected one of: ${MODEL_FORMATS.join(', ')}.`);
  if (options.quantize != null && !QUANTIZATIONS.includes(options.quantize)) {
    throw new ValueError(`save(): unknown quantize '${String(options.quantize)}'. Expected one of: ${QUANTIZATIONS.join(', ')}.`);
  }
  if (options.quantize != null && format !== 'tfjs') throw new ValueError(`save(): quantize is only available for the tfjs format, not '${format}'.`);
}

/** Encodes a model as the bytes of a .keras or .h5 file. */
export async function modelToBytes(model: Model, format: 'keras' | 'h5', options: Pick<SaveOptions, 'includeOptimizer'> = {}): Promise<Uint8Array> {
  if (format === 'keras') return (await import('./formats/keras-zip.js')).modelToKerasZip(model, options);
  if (format === 'h5') return (await import('./formats/legacy-h5.js')).modelToLegacyH5(model, options);
  throw new ValueError(`modelToBytes: format must be 'keras' or 'h5', found '${String(format)}'.`);
}

/** Decodes the bytes of a .keras or .h5 file (detected from the content). */
export async function modelFromBytes(bytes: Uint8Array, options: LoadOptions & { source?: string } = {}): Promise<Model> {
  const source = options.source ?? 'the given bytes';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return (await import('./formats/keras-zip.js')).kerasZipToModel(bytes, source, options);
  if (looksLikeHdf5(bytes)) return (await import('./formats/legacy-h5.js')).legacyH5ToModel(bytes, source, options);
  throw new ModelFileError(`${source}: neither a .keras archive (zip) nor an HDF5 .h5 file.`);
}

export async function saveModel(model: Model, target: ModelTarget, options: SaveOptions = {}): Promise<tf.io.SaveResult> {
  const format = options.format ?? (typeof target === 'string' ? formatFromName(target) : null) ?? 'tfjs';
  checkSaveOptions(options, format);
  if (format !== 'tfjs') {
    if (typeof target !== 'string') throw new ValueError(`save(): the '${format}' format saves to a path, not an IOHandler; use st.io.modelToBytes for custom storage.`);
    const bytes = await modelToBytes(model, format, options);
    await writeBinaryAtomic(target, bytes);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
  }
  const handler = resolveSaveHandler(target);
  const artifacts = await modelToArtifacts(model, options);
  return handler.save!(artifacts);
}

async function loadArtifacts(target: ModelTarget, options: LoadOptions): Promise<Model> {
  const handler = resolveLoadHandler(target);
  const source = typeof target === 'string' ? stripFileScheme(target) : 'the given IOHandler';
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await handler.load!();
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(`${source}: cannot load the model: ${(e as Error).message}`);
  }
  return artifactsToModel(artifacts, source, options);
}

/** Loads a tfjs layers-model (tfjs-layers' `loadLayersModel`): model.json and its weight shards. */
export async function loadLayersModel(target: ModelTarget, options: LoadOptions = {}): Promise<Model> {
  return loadArtifacts(target, options);
}

/** The format of a local path: by extension, else by its first bytes (a directory is tfjs). */
async function detectLocalFormat(path: string): Promise<ModelFormat> {
  const byName = formatFromName(path);
  if (byName) return byName;
  const fs = await loadFs();
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) throw new ModelFileError(`No model at '${path}': the path does not exist.`);
  if (stat.isDirectory()) return 'tfjs';
  const handle = await fs.open(path, 'r');
  try {
    const head = new Uint8Array(8);
    await handle.read(head, 0, 8, 0);
    if (head[0] === 0x50 && head[1] === 0x4b) return 'keras';
    if (looksLikeHdf5(head)) return 'h5';
    return 'tfjs';
  } finally {
    await handle.close();
  }
}

/**
 * Loads a model in any supported format: a directory or model.json (tfjs layers-model), a
 * .keras archive, a .h5 file, an http(s):// URL of any of them, an indexeddb:// or
 * localstorage:// tfjs model, or a tfjs IOHandler.
 */
export async function loadModel(target: ModelTarget, options: LoadOptions = {}): Promise<Model> {
  if (typeof target !== 'string') return loadArtifacts(target, options);
  const format = isLocalPath(target) ? await detectLocalFormat(stripFileScheme(target)) : (formatFromName(target) ?? 'tfjs');
  if (format === 'tfjs') return loadArtifacts(target, options);
  const source = stripFileScheme(target);
  const bytes = await readBinary(target);
  if (format === 'keras') return (await import('./formats/keras-zip.js')).kerasZipToModel(bytes, source, options);
  return (await import('./formats/legacy-h5.js')).legacyH5ToModel(bytes, source, options);
}
