// The native tfjs layers-model format: model.json fields, 4 MB shards, quantization, the
// converter's topology wrapper, optimizer state and metadata. Checked against the format as
// tfjs defines it and, for parity, against tfjs-layers 4.22 in the same process.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { tf } from 'strata';
import { loadModel } from '../../src/saving/save-load.js';
import { getUserDefinedMetadata } from '../../src/saving/formats/tfjs-layers-model.js';
import { readModelDir, savingTo, writeModelDir } from '../parity/model-files.js';
import { maxDiff, seeded } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-tfjs-'));
let count = 0;
const freshDir = () => join(root, `m${count++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

type AnyModel = { getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void };

/** Deterministic non-zero weights (variances positive), the same for Strata and tfjs-layers. */
function fill(model: AnyModel, names: string[], seed: number): void {
  const current = model.getWeights();
  const values = current.map((w, i) => {
    const v = seeded(w.size, seed + i).map((x) => x * 0.5);
    return tf.tensor(/variance/.test(names[i]) ? v.map((x) => Math.abs(x) + 0.5) : v, w.shape);
  });
  model.setWeights(values);
  if (model instanceof st.Model) tf.dispose(current);
  tf.dispose(values);
}

function denseModel(units = 8): st.Sequential {
  return st.sequential({ layers: [st.layers.dense({ units, activation: 'relu', inputShape: [5] }), st.layers.dropout({ rate: 0.3 }), st.layers.dense({ units: 3, activation: 'softmax' })] });
}

describe('model.json and shards', () => {
  it('writes format, generatedBy, convertedBy, modelTopology, weightsManifest; 4 MB shards named group1-shardNofM.bin', async () => {
    // 1100 x 1000 float32 = 4.4 MB: two shards.
    const model = st.sequential({ layers: [st.layers.dense({ units: 1000, inputShape: [1100], name: 'big' })] });
    const dir = freshDir();
    await model.save(`file://${dir}`);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/^Strata v/);
    expect(json.convertedBy).toBeNull();
    expect(json.modelTopology).toMatchObject({ class_name: 'Sequential', backend: 'tensor_flow.js' });
    expect(json.weightsManifest).toEqual([{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [
      { name: 'big/kernel', shape: [1100, 1000], dtype: 'float32' },
      { name: 'big/bias', shape: [1000], dtype: 'float32' },
    ] }]);
    expect(statSync(join(dir, 'group1-shard1of2.bin')).size).toBe(4 * 1024 * 1024);
    expect(statSync(join(dir, 'group1-shard2of2.bin')).size).toBe((1100 * 1000 + 1000) * 4 - 4 * 1024 * 1024);
    // Atomic save leaves nothing else behind.
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    // Saving a smaller model over it removes the shard it no longer uses.
    const small = st.sequential({ layers: [st.layers.dense({ units: 2, inputShape: [3], name: 'small' })] });
    await small.save(dir);
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const loaded = await loadModel(dir);
    expect(loaded.weights.map((w) => w.name)).toEqual(['small/kernel', 'small/bias']);
    model.dispose();
    small.dispose();
    loaded.dispose();
  });

  it('trainingConfig and group "optimizer" weights with includeOptimizer; userDefinedMetadata', async () => {
    const model = denseModel();
    model.compile({ optimizer: new st.Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const dir = freshDir();
    await model.save(dir, { includeOptimizer: true, metadata: { author: 'test', classes: ['a', 'b', 'c'] } });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.trainingConfig).toEqual({
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer_config: { class_name: 'Adam', config: { name: 'adam', learning_rate: 0.01, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false } },
    });
    expect(json.userDefinedMetadata).toEqual({ author: 'test', classes: ['a', 'b', 'c'] });
    const specs = json.weightsManifest[0].weights as { name: string; group?: string; dtype: string }[];
    expect(specs.filter((s) => s.group === 'model').map((s) => s.name)).toEqual(model.weights.map((w) => w.name));
    const optimizerSpecs = specs.filter((s) => s.group === 'optimizer');
    expect(optimizerSpecs[0]).toMatchObject({ name: 'iteration', dtype: 'int32' });
    expect(optimizerSpecs.length).toBe(2 + 2 * 4);
    const loaded = await loadModel(dir);
    expect(getUserDefinedMetadata(loaded)).toEqual({ author: 'test', classes: ['a', 'b', 'c'] });
    expect(loaded.optimizer?.getClassName()).toBe('Adam');
    model.dispose();
    loaded.dispose();
  });
});

describe('quantization', () => {
  it("quantize: 'float16' halves the weight bytes and changes predictions by less than 1e-2; tfjs-layers reads it too", async () => {
    const model = denseModel(64);
    fill(model, model.weights.map((w) => w.name), 3);
    const full = freshDir();
    const half = freshDir();
    await model.save(full);
    await model.save(half, { quantize: 'float16' });
    const bytes = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(bytes(half) * 2).toBe(bytes(full));
    const specs = JSON.parse(readFileSync(join(half, 'model.json'), 'utf8')).weightsManifest[0].weights;
    expect(specs[0]).toEqual({ name: model.weights[0].name, shape: [5, 64], dtype: 'float32', quantization: { dtype: 'float16' } });

    const x = tf.tensor2d(seeded(40, 4), [8, 5]);
    const quantized = await loadModel(half);
    const [a, b] = [model.predict(x) as st.Tensor, quantized.predict(x) as st.Tensor];
    const diff = maxDiff(a.dataSync(), b.dataSync());
    expect(diff).toBeLessThan(1e-2);
    expect(diff).toBeGreaterThan(0);
    // tfjs-layers decodes the same file (its float16 decoder, not ours).
    const viaTfl = await tfl.loadLayersModel({ load: async () => readQuantizedDir(half) });
    const c = viaTfl.predict(x) as tf.Tensor;
    expect(maxDiff(b.dataSync(), c.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, a, b, c]);
    model.dispose();
    quantized.dispose();
    viaTfl.dispose();
  });

  it('uint8 and uint16 affine quantization load within one quantization step', async () => {
    const model = denseModel();
    fill(model, model.weights.map((w) => w.name), 5);
    const x = tf.tensor2d(seeded(10, 6), [2, 5]);
    const reference = model.predict(x) as st.Tensor;
    for (const [kind, tolerance] of [['uint8', 0.05], ['uint16', 1e-3]] as const) {
      const dir = freshDir();
      await model.save(dir, { quantize: kind });
      const spec = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).weightsManifest[0].weights[0];
      expect(spec.quantization.dtype).toBe(kind);
      // Dequantized kernel equals min + scale * q for the stored bytes (tfjs' formula).
      const raw = new Uint8Array(readFileSync(join(dir, 'group1-shard1of1.bin'))).slice(0, 40 * (kind === 'uint8' ? 1 : 2));
      const stored = kind === 'uint8' ? raw : new Uint16Array(raw.buffer);
      const loaded = await loadModel(dir);
      const kernel = loaded.weights[0].read().dataSync();
      expect(maxDiff(kernel, Array.from(stored, (q) => spec.quantization.min + spec.quantization.scale * q))).toBeLessThan(1e-6);
      const y = loaded.predict(x) as st.Tensor;
      expect(maxDiff(y.dataSync(), reference.dataSync())).toBeLessThan(tolerance);
      tf.dispose(y);
      loaded.dispose();
    }
    tf.dispose([x, reference]);
    model.dispose();
  });
});

/** Independent reader for quantized model dirs (byte sizes from the quantization dtype). */
function readQuantizedDir(dir: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const data = Buffer.concat(json.weightsManifest[0].paths.map((p: string) => readFileSync(join(dir, p))));
  return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(data).buffer };
}

describe("the tfjs converter's model.json", () => {
  it('reads the {keras_version, backend, model_config} wrapper with Keras-2 weight names', async () => {
    const kernel = seeded(6, 1), bias = seeded(2, 2);
    const dir = freshDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'group1-shard1of1.bin'), new Uint8Array(Float32Array.from([...kernel, ...bias]).buffer));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({
      format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.15.0', backend: 'tensorflow',
        model_config: { class_name: 'Sequential', config: { name: 'sequential', layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
          { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 2, activation: 'linear', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
        ] } },
        training_config: { loss: 'mse', metrics: null, optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } } },
      },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }] }],
    }));
    const model = await loadModel(join(dir, 'model.json'));
    const x = tf.tensor2d([1, 2, 3], [1, 3]);
    const y = model.predict(x) as st.Tensor;
    const expected = [0, 1].map((j) => bias[j] + 1 * kernel[j] + 2 * kernel[2 + j] + 3 * kernel[4 + j]);
    expect(maxDiff(y.dataSync(), expected)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
    model.dispose();
  });
});

// ---- parity with tfjs-layers 4.22, both directions ------------------------------------------

type Case = { label: string; inputShape: number[]; strata: () => st.Model; tfjs: () => tfl.LayersModel };

const cases: Case[] = [
  {
    label: 'Dense + Dropout (Sequential)',
    inputShape: [5],
    strata: () => denseModel(),
    tfjs: () => tfl.sequential({ layers: [tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }), tfl.layers.dropout({ rate: 0.3 }), tfl.layers.dense({ units: 3, activation: 'softmax' })] }),
  },
  {
    label: 'functional with a merge (Concatenate of two Dense branches)',
    inputShape: [4],
    strata: () => {
      const x = st.input({ shape: [4] });
      const a = st.layers.dense({ units: 3, activation: 'tanh' }).apply(x) as st.SymbolicTensor;
      const b = st.layers.dense({ units: 2 }).apply(x) as st.SymbolicTensor;
      const merged = st.layers.concatenate({}).apply([a, b]) as st.SymbolicTensor;
      return st.model({ inputs: x, outputs: st.layers.dense({ units: 2 }).apply(merged) as st.SymbolicTensor });
    },
    tfjs: () => {
      const x = tfl.input({ shape: [4] });
      const a = tfl.layers.dense({ units: 3, activation: 'tanh' }).apply(x) as tfl.SymbolicTensor;
      const b = tfl.layers.dense({ units: 2 }).apply(x) as tfl.SymbolicTensor;
      const merged = tfl.layers.concatenate().apply([a, b]) as tfl.SymbolicTensor;
      return tfl.model({ inputs: x, outputs: tfl.layers.dense({ units: 2 }).apply(merged) as tfl.SymbolicTensor });
    },
  },
  {
    label: 'BatchNormalization',
    inputShape: [4],
    strata: () => st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [4] }), st.layers.batchNormalization({})] }),
    tfjs: () => tfl.sequential({ layers: [tfl.layers.dense({ units: 3, inputShape: [4] }), tfl.layers.batchNormalization({})] }),
  },
  // tfjs-layers' GRU has only reset_after=false; its orthogonal initializer needs chained ops
  // that plain Node lacks (the weights are overwritten anyway); its default recurrent activation
  // 'hard_sigmoid' is tfjs' 0.2x+0.5 variant, not Keras 3's, so both sides use sigmoid.
  ...(['lstm', 'gru', 'simpleRNN'] as const).map((kind): Case => ({
    label: kind,
    inputShape: [3, 2],
    strata: () => st.sequential({ layers: [(st.layers as unknown as Record<string, (a: object) => st.Layer>)[kind]({ units: 4, inputShape: [3, 2], recurrentActivation: 'sigmoid', ...(kind === 'gru' ? { resetAfter: false } : {}) })] }),
    tfjs: () => tfl.sequential({ layers: [(tfl.layers as unknown as Record<string, (a: object) => tfl.layers.Layer>)[kind]({ units: 4, inputShape: [3, 2], recurrentInitializer: 'glorotUniform', ...(kind === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' }) })] }),
  })),
  {
    label: 'Conv2D + MaxPooling2D + AveragePooling2D',
    inputShape: [6, 6, 2],
    strata: () => {
      const l = st.layers as unknown as Record<string, (a: object) => st.Layer>;
      return st.sequential({ layers: [l.conv2d({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2] }), l.maxPooling2d({ poolSize: 2 }), l.averagePooling2d({ poolSize: 2 }), st.layers.flatten()] });
    },
    tfjs: () => tfl.sequential({ layers: [tfl.layers.conv2d({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2] }), tfl.layers.maxPooling2d({ poolSize: 2 }), tfl.layers.averagePooling2d({ poolSize: 2 }), tfl.layers.flatten()] }),
  },
];

describe('parity with tfjs-layers 4.22', () => {
  for (const c of cases) {
    it(`${c.label}: Strata saves, tfjs-layers loads with identical predictions`, async () => {
      const model = c.strata();
      fill(model, model.weights.map((w) => w.name), 7);
      const dir = freshDir();
      await model.save(dir);
      const loaded = await tfl.loadLayersModel({ load: async () => readModelDir(dir).artifacts });
      const x = tf.tensor(seeded(3 * c.inputShape.reduce((a, b) => a * b, 1), 8), [3, ...c.inputShape]);
      const [a, b] = [model.predict(x) as st.Tensor, loaded.predict(x) as tf.Tensor];
      expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, a, b]);
      model.dispose();
      loaded.dispose();
    });

    it(`${c.label}: tfjs-layers saves, Strata loads with identical predictions`, async () => {
      const source = c.tfjs();
      fill(source, source.weights.map((w) => w.originalName), 9);
      const dir = freshDir();
      await source.save(savingTo((artifacts) => writeModelDir(dir, artifacts)));
      const loaded = await loadModel(dir);
      const x = tf.tensor(seeded(3 * c.inputShape.reduce((a, b) => a * b, 1), 10), [3, ...c.inputShape]);
      const [a, b] = [source.predict(x) as tf.Tensor, loaded.predict(x) as st.Tensor];
      expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
      expect(existsSync(join(dir, 'model.json'))).toBe(true);
      tf.dispose([x, a, b]);
      source.dispose();
      loaded.dispose();
    });
  }
});
