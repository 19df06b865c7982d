// Damaged and mismatched files: each gives a ModelFileError that names the file and the item,
// never a half-loaded model; interrupted saves are finished or discarded; and a fuzz run over
// mutated files sees only Strata's typed errors.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { zipSync } from 'fflate';
import * as st from 'strata';
import { tf } from 'strata';
import { ModelFileError, StateError, ValueError } from '../../src/errors.js';
import { loadModel, modelFromBytes, modelToBytes } from '../../src/saving/save-load.js';
import { artifactsToModel } from '../../src/saving/formats/tfjs-layers-model.js';
import { seeded } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-robust-'));
let count = 0;
const freshDir = () => join(root, `m${count++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function small(): st.Sequential {
  return st.sequential({ layers: [st.layers.dense({ units: 3, activation: 'relu', inputShape: [4], name: 'hidden' }), st.layers.dense({ units: 2, name: 'out' })] });
}

async function expectModelFileError(load: () => Promise<unknown>, ...fragments: (string | RegExp)[]): Promise<void> {
  const before = tf.memory().numTensors;
  const error = await load().then(() => null, (e: unknown) => e);
  expect(error, 'the load should have failed').toBeInstanceOf(ModelFileError);
  for (const f of fragments) expect((error as Error).message).toMatch(f);
  // Nothing half-built stays behind.
  expect(tf.memory().numTensors).toBe(before);
}

describe('damaged tfjs model directories', () => {
  it('a truncated shard names the shard file and the weight that is cut off', async () => {
    const dir = freshDir();
    const model = st.sequential({ layers: [st.layers.dense({ units: 1000, inputShape: [1100], name: 'big' })] });
    await model.save(dir);
    model.dispose();
    truncateSync(join(dir, 'group1-shard2of2.bin'), 1000);
    await expectModelFileError(() => loadModel(dir), 'group1-shard2of2.bin', "'big/kernel'", 'model.json');
  });

  it('a manifest that disagrees with the data names the file and the byte counts', async () => {
    const dir = freshDir();
    await small().save(dir);
    const jsonPath = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    json.weightsManifest[0].weights[1].shape = [5];
    writeFileSync(jsonPath, JSON.stringify(json));
    await expectModelFileError(() => loadModel(dir), 'model.json', /describes 100 bytes/, '92 bytes', "'out/bias'");
  });

  it('a weight with the wrong shape names the weight and both shapes', async () => {
    const dir = freshDir();
    await small().save(dir);
    const jsonPath = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    // Same byte count, different shape: [4, 3] stored, [3, 4] claimed.
    json.weightsManifest[0].weights[0].shape = [3, 4];
    writeFileSync(jsonPath, JSON.stringify(json));
    await expectModelFileError(() => loadModel(dir), "weight 'hidden/kernel'", '[3, 4]', '[4, 3]');
  });

  it('an unknown layer class names the file and the class', async () => {
    const dir = freshDir();
    await small().save(dir);
    const jsonPath = join(dir, 'model.json');
    writeFileSync(jsonPath, readFileSync(jsonPath, 'utf8').replace('"class_name":"Dense"', '"class_name":"FancyDense"'));
    await expectModelFileError(() => loadModel(dir), dir, 'FancyDense');
  });

  it('a missing weight and an extra weight are named', async () => {
    const dir = freshDir();
    await small().save(dir);
    const jsonPath = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    json.weightsManifest[0].weights[3].name = 'out/extra';
    writeFileSync(jsonPath, JSON.stringify(json));
    await expectModelFileError(() => loadModel(dir), "'out/bias' is missing");
  });
});

describe('damaged .keras and .h5 files', () => {
  it('a zip without config.json', async () => {
    const path = join(root, 'no-config.keras');
    writeFileSync(path, zipSync({ 'metadata.json': new TextEncoder().encode('{}'), 'model.weights.h5': new Uint8Array(8) }));
    await expectModelFileError(() => loadModel(path), path, 'config.json');
  });

  it('a .keras that is not a zip', async () => {
    const path = join(root, 'text.keras');
    writeFileSync(path, 'hello');
    await expectModelFileError(() => loadModel(path), path, 'zip');
  });

  it('a non-HDF5 .h5', async () => {
    const path = join(root, 'not.h5');
    writeFileSync(path, 'not an hdf5 file at all');
    await expectModelFileError(() => loadModel(path), path, 'not an HDF5 file');
  });

  it('a .keras whose weights do not fit the config names the variable path and the weight', async () => {
    const model = small();
    const bytes = await modelToBytes(model, 'keras');
    const entries = (await import('fflate')).unzipSync(bytes);
    const config = JSON.parse(new TextDecoder().decode(entries['config.json']));
    config.config.layers[1].config.units = 5;
    entries['config.json'] = new TextEncoder().encode(JSON.stringify(config));
    const path = join(root, 'mismatch.keras');
    writeFileSync(path, zipSync(entries));
    await expectModelFileError(() => loadModel(path), 'model.weights.h5', 'layers/dense/vars/0', "'hidden/kernel'", '[4, 3]', '[4, 5]');
    model.dispose();
  });

  it('an .h5 without model_config (a weights-only file) says so', async () => {
    const { legacyH5 } = await import('./fixtures/keras-files.js');
    const bytes = await legacyH5(null, [], { omitModelConfig: true });
    const path = join(root, 'weights-only.h5');
    writeFileSync(path, bytes);
    await expectModelFileError(() => loadModel(path), path, "no 'model_config'");
  });
});

describe('interrupted saves', () => {
  it('a save killed after its commit point is finished by the next load; one killed before it is discarded', async () => {
    const dir = freshDir();
    const first = small();
    await first.save(dir);
    const second = small();
    // Stage a complete second save by hand, as a killed process would leave it mid-rename.
    const staging = freshDir();
    await second.save(staging);
    const stagedDir = join(dir, '.strata-save-1-1-test');
    mkdirSync(stagedDir);
    renameSync(join(staging, 'group1-shard1of1.bin'), join(dir, 'group1-shard1of1.bin')); // already moved
    renameSync(join(staging, 'model.json'), join(stagedDir, 'model.json')); // not yet moved
    writeFileSync(join(stagedDir, 'COMMIT'), JSON.stringify({ files: ['group1-shard1of1.bin', 'model.json'], stale: [] }));
    const loaded = await loadModel(dir);
    expect(loaded.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(second.weights.map((w) => Array.from(w.read().dataSync())));
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);

    // No COMMIT: the staged files are ignored and removed; the model on disk is unchanged.
    const uncommitted = join(dir, '.strata-save-2-2-test');
    mkdirSync(uncommitted);
    writeFileSync(join(uncommitted, 'model.json'), '{"broken": true');
    const again = await loadModel(dir);
    expect(again.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(second.weights.map((w) => Array.from(w.read().dataSync())));
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    [first, second, loaded, again].forEach((m) => m.dispose());
  });
});

// ---- fuzzing ---------------------------------------------------------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Replaces one randomly chosen value (or key) somewhere in a JSON document. */
function mutateJson(value: Json, random: () => number): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const paths: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach((c, i) => (paths.push({ parent: v, key: i }), walk(c)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) (paths.push({ parent: v, key: k }), walk(v[k]));
  };
  walk(copy);
  if (paths.length === 0) return copy;
  const { parent, key } = paths[Math.floor(random() * paths.length)];
  const old = (parent as Record<string, Json>)[key as string];
  const choices: Json[] = [null, 0, -1, 1.5, 2, 'x', true, [], {}, [3, 4], [null, 4]];
  if (typeof old === 'number') choices.push(old + 1, old * 2, -old);
  if (Array.isArray(old)) choices.push(old.slice(1), [...old, 1]);
  const r = random();
  if (r < 0.15 && !Array.isArray(parent)) delete (parent as Record<string, Json>)[key as string];
  else if (r < 0.25 && !Array.isArray(parent)) {
    (parent as Record<string, Json>)[`${String(key)}_renamed`] = old;
    delete (parent as Record<string, Json>)[key as string];
  } else (parent as Record<string, Json>)[key as string] = choices[Math.floor(random() * choices.length)];
  return copy;
}

function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  if (random() < 0.15) return bytes.slice(0, Math.floor(random() * bytes.length));
  const out = bytes.slice();
  const flips = 1 + Math.floor(random() * 4);
  for (let i = 0; i < flips; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
  return out;
}

function isTyped(e: unknown): boolean {
  return e instanceof ModelFileError || e instanceof ValueError || e instanceof StateError;
}

describe('fuzzing', () => {
  it('mutated model.json fields, manifests, shapes and weight bytes give only typed errors', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })), { includeOptimizer: true });
    const base = artifacts!;
    const data = new Uint8Array(base.weightData as ArrayBuffer);
    const random = rng(1234);
    const before = tf.memory().numTensors;
    const outcomes = { loaded: 0, typed: 0 };
    const start = Date.now();
    for (let i = 0; i < 2000; i++) {
      const kind = i % 4;
      const mutated: tf.io.ModelArtifacts = {
        ...base,
        modelTopology: kind === 0 ? (mutateJson(base.modelTopology as Json, random) as object) : base.modelTopology,
        weightSpecs: kind === 1 ? (mutateJson(base.weightSpecs as unknown as Json, random) as unknown as tf.io.WeightsManifestEntry[]) : base.weightSpecs,
        trainingConfig: kind === 2 ? (mutateJson(base.trainingConfig as unknown as Json, random) as unknown as tf.io.TrainingConfig) : base.trainingConfig,
        weightData: kind === 3 ? mutateBytes(data, random).slice().buffer : data.slice().buffer,
      };
      try {
        const loaded = await artifactsToModel(mutated, `fuzz case ${i}`);
        loaded.dispose();
        outcomes.loaded++;
      } catch (e) {
        if (!isTyped(e)) throw new Error(`fuzz case ${i} (kind ${kind}) threw an untyped ${(e as Error)?.name}: ${(e as Error)?.message}`);
        outcomes.typed++;
      }
    }
    warn.mockRestore();
    expect(outcomes.typed).toBeGreaterThan(300);
    expect(tf.memory().numTensors).toBe(before);
    expect(Date.now() - start).toBeLessThan(30_000);
    model.dispose();
  });

  it('mutated .keras config.json fields and archive bytes, and mutated .h5 bytes, give only typed errors', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const model = small();
    const keras = await modelToBytes(model, 'keras');
    const h5 = await modelToBytes(model, 'h5');
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(keras);
    const config = JSON.parse(new TextDecoder().decode(entries['config.json'])) as Json;
    const random = rng(99);
    const before = tf.memory().numTensors;
    let typed = 0;
    for (let i = 0; i < 900; i++) {
      let bytes: Uint8Array;
      if (i % 3 === 0) {
        bytes = zipSync({ ...entries, 'config.json': new TextEncoder().encode(JSON.stringify(mutateJson(config, random))) });
      } else if (i % 3 === 1) {
        bytes = mutateBytes(keras, random);
      } else {
        bytes = mutateBytes(h5, random);
      }
      try {
        (await modelFromBytes(bytes, { source: `fuzz case ${i}` })).dispose();
      } catch (e) {
        if (!isTyped(e)) throw new Error(`fuzz case ${i} threw an untyped ${(e as Error)?.name}: ${(e as Error)?.message}`);
        typed++;
      }
    }
    warn.mockRestore();
    expect(typed).toBeGreaterThan(150);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('bad save arguments', () => {
  it('an unknown format or quantization, and quantize with .keras, are ValueErrors', async () => {
    const model = small();
    await expect(model.save(freshDir(), { format: 'onnx' as never })).rejects.toThrow(ValueError);
    await expect(model.save(freshDir(), { quantize: 'int4' as never })).rejects.toThrow(/int4/);
    await expect(model.save(join(root, 'q.keras'), { quantize: 'float16' })).rejects.toThrow(/only available for the tfjs format/);
    await expect(model.save(freshDir(), { includeOptimizer: true })).rejects.toThrow(/compiled/);
    model.dispose();
    expect(seeded(1, 1).length).toBe(1);
  });
});
