// A `file://` IOHandler for Node: model.json plus 4 MB weight shards named as the tfjs
// converter names them (group1-shard1of2.bin, ...).
//
// Saving is atomic for the directory as a whole. Every file is first written, and flushed, into
// a staging folder inside the target; a COMMIT file (itself written under a temporary name and
// renamed) then records which files to move; only after it exists are the files renamed into
// place, model.json last. A process killed before the COMMIT leaves the previous model as it
// was (the staging folder is deleted later); killed after it, the next load or save finishes
// the moves. Either way no one ever reads a mix of two saves.
import { loadFs, loadPath } from '../../runtime/node-builtin.js';
import { stripFileScheme } from './binary-file.js';
import type { tf } from '../../runtime/tf.js';
import { ModelFileError } from '../../errors.js';
import { manifestByteSizes } from '../formats/weight-codec.js';

type ModelArtifacts = tf.io.ModelArtifacts;
type SaveResult = tf.io.SaveResult;

/** Shard size of the tfjs converter (and of tfjs' own browser handlers). */
export const SHARD_BYTES = 4 * 1024 * 1024;
const STAGING_PREFIX = '.strata-save-';
const COMMIT_FILE = 'COMMIT';

type Commit = { files: string[]; stale: string[] };

/** Node's fs/path, loaded on first use so that browsers never touch them. */
async function nodeModules() {
  const [fs, path] = await Promise.all([loadFs(), loadPath()]);
  return { fs, path };
}

function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = (Array.isArray(data) ? data : [data]).map((b) => new Uint8Array(b));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** Splits weight bytes into shards of at most SHARD_BYTES, named groupG-shardIofN.bin. */
export function shardWeights(bytes: Uint8Array, shardBytes = SHARD_BYTES): { name: string; data: Uint8Array }[] {
  const count = Math.ceil(bytes.byteLength / shardBytes);
  return Array.from({ length: count }, (_, i) => ({
    name: `group1-shard${i + 1}of${count}.bin`,
    data: bytes.subarray(i * shardBytes, Math.min(bytes.byteLength, (i + 1) * shardBytes)),
  }));
}

/** Writes `data` to `file` and flushes it to disk before returning. */
async function writeDurably(fs: typeof import('node:fs/promises'), file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a committed staging folder's files into `dir` (model.json last), removes stale shards and the folder. */
async function finishCommit(dir: string, staging: string, commit: Commit): Promise<void> {
  const { fs, path } = await nodeModules();
  for (const file of commit.files) {
    const from = path.join(staging, file);
    // Already moved when an earlier finish was interrupted part-way.
    if (await fs.stat(from).catch(() => null)) await fs.rename(from, path.join(dir, file));
  }
  for (const file of commit.stale) await fs.rm(path.join(dir, file), { force: true });
  await fs.rm(staging, { recursive: true, force: true });
}

/** Completes or discards saves that a killed process left behind in `dir`. */
export async function recoverInterruptedSaves(dir: string): Promise<void> {
  const { fs, path } = await nodeModules();
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  for (const entry of entries.filter((e) => e.startsWith(STAGING_PREFIX)).sort()) {
    const staging = path.join(dir, entry);
    const commitText = await fs.readFile(path.join(staging, COMMIT_FILE), 'utf8').catch(() => null);
    let commit: Commit | null = null;
    try {
      commit = commitText === null ? null : (JSON.parse(commitText) as Commit);
    } catch {
      commit = null;
    }
    const valid = commit && Array.isArray(commit.files) && Array.isArray(commit.stale) && [...commit.files, ...commit.stale].every((f) => typeof f === 'string' && !f.includes('/') && !f.includes('\\'));
    if (valid) await finishCommit(dir, staging, commit!);
    else await fs.rm(staging, { recursive: true, force: true });
  }
}

function checkManifestPath(file: unknown, jsonPath: string): string {
  if (typeof file !== 'string' || file === '' || file.includes('..') || file.startsWith('/') || file.includes('\\')) {
    throw new ModelFileError(`'${jsonPath}': weights manifest path ${JSON.stringify(file)} is not a file name beside model.json.`);
  }
  return file;
}

export class FileSystemHandler implements tf.io.IOHandler {
  /** A directory for save; a directory or a model.json path for load. */
  readonly target: string;

  constructor(url: string) {
    this.target = stripFileScheme(url);
  }

  async save(artifacts: ModelArtifacts): Promise<SaveResult> {
    const { fs, path } = await nodeModules();
    const dir = this.target.endsWith('.json') ? path.dirname(this.target) : this.target;
    const jsonName = this.target.endsWith('.json') ? path.basename(this.target) : 'model.json';
    await fs.mkdir(dir, { recursive: true });
    await recoverInterruptedSaves(dir);
    const shards = shardWeights(weightBytes(artifacts.weightData));
    const modelJson: tf.io.ModelJSON = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology as object,
      weightsManifest: [{ paths: shards.map((s) => s.name), weights: artifacts.weightSpecs ?? [] }],
    };
    if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
    if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
    const json = JSON.stringify(modelJson);

    const previous = await fs.readFile(path.join(dir, jsonName), 'utf8').then((t) => JSON.parse(t) as tf.io.ModelJSON).catch(() => null);
    const previousPaths = (previous?.weightsManifest ?? []).flatMap((g) => (Array.isArray(g?.paths) ? g.paths : [])).filter((p): p is string => typeof p === 'string' && !p.includes('/'));
    const files = [...shards.map((s) => s.name), jsonName];
    const commit: Commit = { files, stale: previousPaths.filter((p) => !files.includes(p)) };

    const staging = path.join(dir, `${STAGING_PREFIX}${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    await fs.mkdir(staging);
    try {
      for (const shard of shards) await writeDurably(fs, path.join(staging, shard.name), shard.data);
      await writeDurably(fs, path.join(staging, jsonName), json);
      await writeDurably(fs, path.join(staging, `${COMMIT_FILE}.tmp`), JSON.stringify(commit));
      await fs.rename(path.join(staging, `${COMMIT_FILE}.tmp`), path.join(staging, COMMIT_FILE));
    } catch (e) {
      await fs.rm(staging, { recursive: true, force: true });
      throw e;
    }
    await finishCommit(dir, staging, commit);
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        modelTopologyBytes: JSON.stringify(modelJson.modelTopology).length,
        weightSpecsBytes: JSON.stringify(modelJson.weightsManifest).length,
        weightDataBytes: shards.reduce((n, s) => n + s.data.byteLength, 0),
      },
    };
  }

  async load(): Promise<ModelArtifacts> {
    const { fs, path } = await nodeModules();
    let jsonPath = this.target;
    const stat = await fs.stat(jsonPath).catch(() => null);
    if (!stat) throw new ModelFileError(`No model at '${this.target}': the path does not exist.`);
    if (stat.isDirectory()) jsonPath = path.join(jsonPath, 'model.json');
    const dir = path.dirname(jsonPath);
    // Finish a save that was killed after its commit point; without write access, read as is.
    await recoverInterruptedSaves(dir).catch(() => undefined);
    let modelJson: tf.io.ModelJSON;
    try {
      modelJson = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
    } catch (e) {
      throw new ModelFileError(`Cannot read '${jsonPath}' as a model.json file: ${(e as Error).message}`);
    }
    if (!modelJson || typeof modelJson !== 'object' || !modelJson.modelTopology || typeof modelJson.modelTopology !== 'object') {
      throw new ModelFileError(`'${jsonPath}' has no 'modelTopology' object; it is not a tfjs layers-model file.`);
    }
    const manifest: unknown = modelJson.weightsManifest ?? [];
    if (!Array.isArray(manifest)) throw new ModelFileError(`'${jsonPath}': 'weightsManifest' should be a list, found ${typeof manifest}.`);
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: Uint8Array[] = [];
    for (const [g, group] of manifest.entries()) {
      if (!group || typeof group !== 'object' || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
        throw new ModelFileError(`'${jsonPath}': weightsManifest group ${g} should be {paths: [...], weights: [...]}.`);
      }
      const sizes = manifestByteSizes(group.weights, `'${jsonPath}'`);
      const files: { name: string; bytes: Uint8Array }[] = [];
      for (const file of group.paths as unknown[]) {
        const name = checkManifestPath(file, jsonPath);
        const filePath = path.join(dir, name);
        const bytes = await fs.readFile(filePath).catch((e: Error) => {
          throw new ModelFileError(`Weights file '${filePath}' listed in '${jsonPath}' cannot be read: ${e.message}`);
        });
        files.push({ name: filePath, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      }
      checkGroupSize(jsonPath, sizes, files);
      specs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
      buffers.push(...files.map((f) => f.bytes));
    }
    return {
      modelTopology: modelJson.modelTopology,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
      trainingConfig: modelJson.trainingConfig,
      userDefinedMetadata: modelJson.userDefinedMetadata,
      weightSpecs: specs,
      weightData: weightBytes(buffers.map((b) => b.slice().buffer as ArrayBuffer)).buffer as ArrayBuffer,
    };
  }
}

/** Fails when a group's shards hold fewer or more bytes than its weights need, naming the shard and the weight. */
function checkGroupSize(jsonPath: string, sizes: { name: string; bytes: number }[], files: { name: string; bytes: Uint8Array }[]): void {
  const expected = sizes.reduce((n, s) => n + s.bytes, 0);
  const found = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (expected === found) return;
  const listing = files.map((f) => `'${f.name}' (${f.bytes.byteLength} bytes)`).join(', ') || 'no weight files';
  if (found > expected) {
    throw new ModelFileError(`'${jsonPath}': the weights manifest describes ${expected} bytes, but ${listing} hold ${found} bytes (manifest and data disagree).`);
  }
  let offset = 0;
  const cut = sizes.find((s) => (offset += s.bytes) > found)!;
  let start = 0;
  const shard = files.find((f) => (start += f.bytes.byteLength) >= found) ?? files[files.length - 1];
  throw new ModelFileError(
    `'${jsonPath}': weight '${cut.name}' is cut off: the manifest describes ${expected} bytes, but ${listing} hold only ${found} bytes` +
      ` (a truncated shard${shard ? ` such as '${shard.name}'` : ''}, or a manifest that does not match the data).`,
  );
}

export function fileSystem(url: string): FileSystemHandler {
  return new FileSystemHandler(url);
}
