// A minimal reader and writer for the tfjs layers-model files (model.json + binary weight
// shards), written from the format's description rather than taken from Strata, so the parity
// tests do not check Strata's file handler with itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from 'strata';

type ManifestGroup = { paths: string[]; weights: tf.io.WeightsManifestEntry[] };
type ModelJson = {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: ManifestGroup[];
};

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

export function byteSizeOf(spec: tf.io.WeightsManifestEntry): number {
  const size = BYTES_PER_ELEMENT[spec.dtype];
  if (size === undefined) throw new Error(`test reader: unsupported dtype ${spec.dtype}`);
  return spec.shape.reduce((a, b) => a * b, 1) * size;
}

/** Reads `dir/model.json` and the shards it lists into tfjs ModelArtifacts. */
export function readModelDir(dir: string): { json: ModelJson; artifacts: tf.io.ModelArtifacts } {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const s of shards) {
    bytes.set(s, offset);
    offset += s.byteLength;
  }
  const expected = specs.reduce((n, s) => n + byteSizeOf(s), 0);
  if (expected !== total) throw new Error(`test reader: manifest says ${expected} bytes, shards hold ${total}`);
  return {
    json,
    artifacts: {
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy ?? null,
      weightSpecs: specs,
      weightData: bytes.buffer,
    },
  };
}

/** Writes artifacts as `dir/model.json` + `dir/group1-shard1of1.bin` (the tfjs converter's naming). */
export function writeModelDir(dir: string, artifacts: tf.io.ModelArtifacts): void {
  mkdirSync(dir, { recursive: true });
  const data = artifacts.weightData;
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const shardName = 'group1-shard1of1.bin';
  writeFileSync(join(dir, shardName), Buffer.concat(buffers.map((b) => new Uint8Array(b))));
  const json: ModelJson = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [shardName], weights: artifacts.weightSpecs ?? [] }],
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
}

/** A save handler that hands the artifacts to `write` (what tf.io.withSaveHandler gives). */
export function savingTo(write: (artifacts: tf.io.ModelArtifacts) => void): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    write(artifacts);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
}

/** Largest |a - b| over two tensors of the same shape (read back with dataSync). */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  if (!tf.util.arraysEqual(a.shape, b.shape)) throw new Error(`shapes differ: [${a.shape}] vs [${b.shape}]`);
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** Largest |a - b| / max(|a|, |b|, floor): relative where values are large, absolute near zero. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor));
  }
  return worst;
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32), so fixtures do not depend on tfjs' RNG. */
export function seededValues(count: number, seed: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1);
  }
  return out;
}
