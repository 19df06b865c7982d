// The functional models the training-toolkit issue names, each trained, saved, loaded and
// compared: a ResNet-style block, a two-input/two-output model with lossWeights, and an MNIST
// autoencoder whose encoder is reused as a standalone model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { loadMnist } from '@strata/datasets';

const tf = st.tf;
const L = st.layers;
const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-'));

beforeAll(async () => {
  await st.useBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function asList(y: st.Tensor | st.Tensor[]): st.Tensor[] {
  return Array.isArray(y) ? y : [y];
}

/** Saves in `format`, loads back, and checks identical predictions on `x`. */
async function expectRoundTrip(model: st.Model, x: st.Tensor | st.Tensor[], name: string, file: string): Promise<st.Model> {
  const target = join(dir, name, file);
  await model.save(target.endsWith('.keras') || target.endsWith('.h5') ? target : `file://${target}`);
  const loaded = await st.loadModel(target);
  const before = asList(model.predict(x));
  const after = asList(loaded.predict(x));
  before.forEach((b, i) => expect(Array.from(after[i].dataSync())).toEqual(Array.from(b.dataSync())));
  tf.dispose([...before, ...after]);
  return loaded;
}

describe('functional models end to end', () => {
  it('a ResNet-style block (conv -> batchNorm -> relu -> conv + skip add) trains, saves, loads', async () => {
    const input = st.input({ shape: [8, 8, 4] });
    let h = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(input) as st.SymbolicTensor;
    h = L.batchNormalization().apply(h) as st.SymbolicTensor;
    h = L.activation({ activation: 'relu' }).apply(h) as st.SymbolicTensor;
    h = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(h) as st.SymbolicTensor;
    const residual = L.add().apply([h, input]) as st.SymbolicTensor;
    const out = L.dense({ units: 2, activation: 'softmax' }).apply(L.globalAveragePooling2d().apply(residual) as st.SymbolicTensor);
    const model = st.model({ inputs: input, outputs: out as st.SymbolicTensor, name: 'resnet_block' });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    // Class 1 images are brighter: a learnable signal.
    const labels = tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32');
    const x = tf.add(tf.randomNormal([8, 8, 8, 4], 0, 0.5, 'float32', 1), tf.reshape(tf.cast(labels, 'float32'), [8, 1, 1, 1]));
    const y = tf.oneHot(labels, 2);
    const history = await model.fit(x, y, { epochs: 8, batchSize: 4, verbose: 0 });
    expect(history.history.loss[7]).toBeLessThan(history.history.loss[0]);
    for (const file of ['model', 'block.keras', 'block.h5']) {
      const loaded = await expectRoundTrip(model, x, 'resnet', file);
      loaded.dispose();
    }
    tf.dispose([labels, x, y]);
    model.dispose();
  });

  it('a two-input / two-output model with lossWeights trains, saves, loads', async () => {
    const a = st.input({ shape: [3], name: 'a' });
    const b = st.input({ shape: [2], name: 'b' });
    const joined = L.concatenate().apply([L.dense({ units: 6, activation: 'relu' }).apply(a) as st.SymbolicTensor, b]) as st.SymbolicTensor;
    const sum = L.dense({ units: 1, name: 'sum' }).apply(joined) as st.SymbolicTensor;
    const sign = L.dense({ units: 1, activation: 'sigmoid', name: 'sign' }).apply(joined) as st.SymbolicTensor;
    const model = st.model({ inputs: [a, b], outputs: [sum, sign] });
    model.compile({ optimizer: new st.Adam({ learningRate: 0.01 }), loss: { sum: 'mse', sign: 'binaryCrossentropy' }, lossWeights: { sum: 0.5, sign: 2 } });
    const xa = tf.randomNormal([32, 3], 0, 1, 'float32', 2);
    const xb = tf.randomNormal([32, 2], 0, 1, 'float32', 3);
    const total = tf.add(tf.sum(xa, 1, true), tf.sum(xb, 1, true));
    const positive = tf.cast(tf.greater(total, 0), 'float32');
    const history = await model.fit([xa, xb], [total, positive], { epochs: 20, batchSize: 8, verbose: 0 });
    // The total is the weighted sum of the per-output losses (no regularizers here).
    const last = history.history;
    expect(last.loss[19]).toBeCloseTo(0.5 * last.sum_loss[19] + 2 * last.sign_loss[19], 4);
    expect(last.loss[19]).toBeLessThan(last.loss[0]);
    const loaded = await expectRoundTrip(model, [xa, xb], 'two-io', 'model');
    tf.dispose([xa, xb, total, positive]);
    model.dispose();
    loaded.dispose();
  });

  it('an MNIST autoencoder trains; its encoder, reused as a standalone model, saves and loads', async () => {
    const data = loadMnist({ trainSize: 512, testSize: 64 });
    const image = st.input({ shape: [784] });
    const code = L.dense({ units: 16, activation: 'relu', name: 'code' }).apply(
      L.dense({ units: 64, activation: 'relu', name: 'enc_hidden' }).apply(image) as st.SymbolicTensor,
    ) as st.SymbolicTensor;
    const encoder = st.model({ inputs: image, outputs: code, name: 'encoder' });
    const outer = st.input({ shape: [784] });
    const decoded = L.dense({ units: 784, activation: 'sigmoid', name: 'decoded' }).apply(
      L.dense({ units: 64, activation: 'relu', name: 'dec_hidden' }).apply(encoder.apply(outer) as st.SymbolicTensor) as st.SymbolicTensor,
    ) as st.SymbolicTensor;
    const autoencoder = st.model({ inputs: outer, outputs: decoded, name: 'autoencoder' });
    autoencoder.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const before = autoencoder.evaluate(data.test.xs, data.test.xs) as tf.Scalar;
    const beforeLoss = before.dataSync()[0];
    await autoencoder.fit(data.train.xs, data.train.xs, { epochs: 5, batchSize: 64, verbose: 0 });
    const after = autoencoder.evaluate(data.test.xs, data.test.xs) as tf.Scalar;
    expect(after.dataSync()[0]).toBeLessThan(beforeLoss);
    // The encoder shares the trained weights: its codes are what the autoencoder's 'code' layer computes.
    const codes = encoder.predict(data.test.xs) as st.Tensor;
    expect(codes.shape).toEqual([64, 16]);
    const loadedEncoder = await expectRoundTrip(encoder, data.test.xs, 'encoder', 'model');
    const loadedAutoencoder = await expectRoundTrip(autoencoder, data.test.xs, 'autoencoder', 'model');
    tf.dispose([before, after, codes, data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
    for (const m of [loadedEncoder, loadedAutoencoder, autoencoder]) m.dispose();
  });
});
