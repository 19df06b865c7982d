// Legacy Keras .h5 full-model files: a fixture laid out as tf.keras 2 writes it
// (fixtures/keras-files.ts) loads and predicts what Keras computes; files Strata writes carry
// the attributes and groups Keras' legacy loader reads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { tf } from 'strata';
import { loadModel } from '../../src/saving/save-load.js';
import { inspectH5, legacyH5 } from './fixtures/keras-files.js';
import { batchNorm, dense, maxDiff, relu, reshape, seeded, softmax } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-h5-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const init = (className: string, config = {}) => ({ class_name: className, config });

describe('reading legacy Keras .h5 files', () => {
  it('tf.keras 2 Sequential (InputLayer, Dense, BatchNormalization, Dense) with training_config', async () => {
    const k1 = seeded(12, 1), b1 = seeded(4, 2), k2 = seeded(8, 3), b2 = seeded(2, 4);
    const gamma = seeded(4, 5).map((v) => 1 + v / 2), beta = seeded(4, 6), mean = seeded(4, 7), variance = seeded(4, 8).map((v) => 0.5 + Math.abs(v));
    const denseConfig = (name: string, units: number, activation: string) => ({
      class_name: 'Dense',
      config: { name, trainable: true, dtype: 'float32', units, activation, use_bias: true, kernel_initializer: init('GlorotUniform', { seed: null }), bias_initializer: init('Zeros'), kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null },
    });
    const modelConfig = {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
          denseConfig('dense', 4, 'relu'),
          { class_name: 'BatchNormalization', config: { name: 'batch_normalization', trainable: true, dtype: 'float32', axis: [1], momentum: 0.99, epsilon: 0.001, center: true, scale: true, beta_initializer: init('Zeros'), gamma_initializer: init('Ones'), moving_mean_initializer: init('Zeros'), moving_variance_initializer: init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null } },
          denseConfig('dense_1', 2, 'softmax'),
        ],
      },
    };
    const bytes = await legacyH5(
      modelConfig,
      [
        { name: 'dense', weights: [{ name: 'dense/kernel:0', data: { shape: [3, 4], values: k1 } }, { name: 'dense/bias:0', data: { shape: [4], values: b1 } }] },
        {
          name: 'batch_normalization',
          weights: [
            { name: 'batch_normalization/gamma:0', data: { shape: [4], values: gamma } },
            { name: 'batch_normalization/beta:0', data: { shape: [4], values: beta } },
            { name: 'batch_normalization/moving_mean:0', data: { shape: [4], values: mean } },
            { name: 'batch_normalization/moving_variance:0', data: { shape: [4], values: variance } },
          ],
        },
        { name: 'dense_1', weights: [{ name: 'dense_1/kernel:0', data: { shape: [4, 2], values: k2 } }, { name: 'dense_1/bias:0', data: { shape: [2], values: b2 } }] },
      ],
      { trainingConfig: { loss: 'categorical_crossentropy', metrics: [[{ class_name: 'MeanMetricWrapper', config: { name: 'accuracy', dtype: 'float32', fn: 'categorical_accuracy' } }]], weighted_metrics: null, loss_weights: null, optimizer_config: { class_name: 'Adam', config: { name: 'Adam', learning_rate: 0.002, decay: 0.0, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false } } } },
    );
    const path = join(root, 'tfkeras2.h5');
    writeFileSync(path, bytes);
    const model = await loadModel(path);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'BatchNormalization', 'Dense']);
    const xv = seeded(9, 10);
    const x = tf.tensor2d(xv, [3, 3]);
    const y = model.predict(x) as st.Tensor;
    const expected = dense(batchNorm(dense(reshape(xv, 3, 3), k1, b1, relu), gamma, beta, mean, variance, 0.001), k2, b2, softmax);
    expect(maxDiff(y.dataSync(), expected.flat())).toBeLessThan(1e-5);
    expect(model.optimizer?.getClassName()).toBe('Adam');
    expect(model.optimizer?.learningRate).toBeCloseTo(0.002, 7);
    expect(model.metricsNames).toEqual(['loss', 'accuracy']);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('.h5 files written by Strata', () => {
  it('have model_config / keras_version / backend, model_weights with layer_names and weight_names, and load back', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, activation: 'tanh', inputShape: [4], name: 'hidden' }), st.layers.dense({ units: 2, name: 'out' })] });
    const path = join(root, 'strata.h5');
    await model.save(path);
    const h5 = await inspectH5(new Uint8Array(readFileSync(path)));
    const modelConfig = JSON.parse(h5.attrs.get('@model_config') as string);
    expect(modelConfig.class_name).toBe('Sequential');
    expect(modelConfig.config.layers[0].config.batch_input_shape).toEqual([null, 4]);
    expect(h5.attrs.get('@keras_version')).toMatch(/^2\./);
    expect(h5.attrs.get('@backend')).toBe('tensorflow');
    expect(h5.attrs.get('model_weights@layer_names')).toEqual(['hidden', 'out']);
    expect(h5.attrs.get('model_weights/hidden@weight_names')).toEqual(['hidden/kernel:0', 'hidden/bias:0']);
    expect(h5.datasets.get('model_weights/hidden/hidden/kernel:0')!.shape).toEqual([4, 3]);
    expect(maxDiff(h5.datasets.get('model_weights/out/out/bias:0')!.values, model.layers[1].weights[1].read().dataSync())).toBe(0);

    const loaded = await loadModel(path);
    const x = tf.tensor2d(seeded(8, 3), [2, 4]);
    const [a, b] = [model.predict(x) as st.Tensor, loaded.predict(x) as st.Tensor];
    expect(maxDiff(a.dataSync(), b.dataSync())).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it("write the optimizer config with Keras' key spellings (beta_1), which Keras' optimizers require", async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: new st.Adam({ learningRate: 0.01, beta1: 0.8 }), loss: 'mse' });
    const path = join(root, 'with-optimizer.h5');
    await model.save(path, { includeOptimizer: true });
    const h5 = await inspectH5(new Uint8Array(readFileSync(path)));
    const trainingConfig = JSON.parse(h5.attrs.get('@training_config') as string);
    expect(trainingConfig.optimizer_config.class_name).toBe('Adam');
    expect(trainingConfig.optimizer_config.config).toMatchObject({ beta_1: 0.8, beta_2: 0.999, learning_rate: 0.01 });
    expect(trainingConfig.optimizer_config.config).not.toHaveProperty('beta1');
    const loaded = await loadModel(path);
    expect((loaded.optimizer as st.Adam).beta1).toBeCloseTo(0.8, 7);
    model.dispose();
    loaded.dispose();
  });
});
