// Keras 3 .keras files: fixtures written by the format's rules (fixtures/keras-files.ts, not
// Strata's writer) load and predict what Keras' semantics give; files Strata writes have the
// structure Keras' loader reads, field by field.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import * as st from 'strata';
import { tf } from 'strata';
import { loadModel } from '../../src/saving/save-load.js';
import { adamCompileConfig, dense3, input3, inspectH5, kerasArchive, kerasTensor, kerasWeightsH5, lstm3 } from './fixtures/keras-files.js';
import { dense, lstm, maxDiff, relu, reshape, seeded, softmax } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-keras-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string) => join(root, name);
const write = async (name: string, bytes: Uint8Array) => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file(name), bytes);
  return file(name);
};

describe('reading .keras files laid out as Keras 3 writes them', () => {
  it('Sequential Dense→Dense: config with DTypePolicy/module keys, layers/dense*/vars weights, compile_config and optimizer/vars', async () => {
    const k1 = seeded(20, 1), b1 = seeded(4, 2), k2 = seeded(12, 3), b2 = seeded(3, 4);
    const config = {
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: {
        name: 'sequential', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
        layers: [input3('input_layer', [null, 5]), dense3('dense', 4, 'relu', [null, 5]), dense3('dense_1', 3, 'softmax', [null, 4])],
        build_input_shape: [null, 5],
      },
      build_config: { input_shape: [null, 5] },
      compile_config: adamCompileConfig(0.005),
    };
    // Adam state: iteration, learning_rate, then (momentum, velocity) per variable, interleaved.
    const slots = [[5, 4], [4], [4, 3], [3]].flatMap((shape, i) => [
      { shape, values: seeded(shape.reduce((a, b) => a * b, 1), 100 + i) },
      { shape, values: seeded(shape.reduce((a, b) => a * b, 1), 200 + i).map(Math.abs) },
    ]);
    const h5 = await kerasWeightsH5({
      'layers/dense/vars': [{ shape: [5, 4], values: k1 }, { shape: [4], values: b1 }],
      'layers/dense_1/vars': [{ shape: [4, 3], values: k2 }, { shape: [3], values: b2 }],
      'optimizer/vars': [{ shape: [], values: [7], dtype: 'int64' }, { shape: [], values: [0.005] }, ...slots],
    });
    const path = await write('seq.keras', kerasArchive(config, h5));
    const model = await loadModel(path);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
    const xs = seeded(15, 9);
    const x = tf.tensor2d(xs, [3, 5]);
    const y = model.predict(x) as st.Tensor;
    const expected = dense(dense(reshape(xs, 3, 5), k1, b1, relu), k2, b2, softmax);
    expect(maxDiff(y.dataSync(), expected.flat())).toBeLessThan(1e-5);
    // Compiled from compile_config, optimizer state restored from optimizer/vars.
    const optimizer = model.optimizer!;
    expect(optimizer.getClassName()).toBe('Adam');
    expect(optimizer.learningRate).toBeCloseTo(0.005, 7);
    expect(optimizer.iterations.dataSync()[0]).toBe(7);
    const kernel = model.layers[0].weights[0].variable;
    expect(maxDiff(optimizer.getSlot(kernel, 'momentum').dataSync(), slots[0].values)).toBeLessThan(1e-7);
    expect(maxDiff(optimizer.getSlot(kernel, 'velocity').dataSync(), slots[1].values)).toBeLessThan(1e-7);
    const bias2 = model.layers[1].weights[1].variable;
    expect(maxDiff(optimizer.getSlot(bias2, 'velocity').dataSync(), slots[7].values)).toBeLessThan(1e-7);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('functional model with an Add merge: {args: [__keras_tensor__...]} nodes and bare-list input_layers', async () => {
    const ka = seeded(6, 11), ba = seeded(2, 12), kb = seeded(6, 13), bb = seeded(2, 14);
    const layers = [
      { ...input3('a', [null, 3]), name: 'a', inbound_nodes: [] },
      { ...input3('b', [null, 3]), name: 'b', inbound_nodes: [] },
      { ...dense3('dense_a', 2, 'linear', [null, 3]), name: 'dense_a', inbound_nodes: [{ args: [kerasTensor([null, 3], ['a', 0, 0])], kwargs: {} }] },
      { ...dense3('dense_b', 2, 'linear', [null, 3]), name: 'dense_b', inbound_nodes: [{ args: [kerasTensor([null, 3], ['b', 0, 0])], kwargs: {} }] },
      {
        module: 'keras.layers', class_name: 'Add', registered_name: null,
        config: { name: 'add', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null } },
        build_config: { input_shape: [[null, 2], [null, 2]] },
        name: 'add',
        inbound_nodes: [{ args: [[kerasTensor([null, 2], ['dense_a', 0, 0]), kerasTensor([null, 2], ['dense_b', 0, 0])]], kwargs: {} }],
      },
    ];
    const config = {
      module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
      config: { name: 'two_towers', trainable: true, layers, input_layers: [['a', 0, 0], ['b', 0, 0]], output_layers: ['add', 0, 0] },
      build_config: { input_shape: null },
    };
    const h5 = await kerasWeightsH5({
      'layers/input_layer/vars': [],
      'layers/input_layer_1/vars': [],
      'layers/dense/vars': [{ shape: [3, 2], values: ka }, { shape: [2], values: ba }],
      'layers/dense_1/vars': [{ shape: [3, 2], values: kb }, { shape: [2], values: bb }],
      'layers/add/vars': [],
    });
    const model = await loadModel(await write('functional.keras', kerasArchive(config, h5)));
    const av = seeded(6, 21), bv = seeded(6, 22);
    const [a, b] = [tf.tensor2d(av, [2, 3]), tf.tensor2d(bv, [2, 3])];
    const y = model.predict([a, b]) as st.Tensor;
    const left = dense(reshape(av, 2, 3), ka, ba), right = dense(reshape(bv, 2, 3), kb, bb);
    expect(maxDiff(y.dataSync(), left.flat().map((v, i) => v + right.flat()[i]))).toBeLessThan(1e-5);
    expect(model.isCompiled).toBe(false);
    tf.dispose([a, b, y]);
    model.dispose();
  });

  it('LSTM: weights under layers/lstm/cell/vars (kernel, recurrent_kernel, bias)', async () => {
    const units = 2, inDim = 3, steps = 4;
    const kernel = seeded(inDim * 4 * units, 31), recurrent = seeded(units * 4 * units, 32), bias = seeded(4 * units, 33);
    const config = {
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: { name: 'seq_lstm', trainable: true, dtype: 'float32', layers: [input3('input_layer', [null, steps, inDim]), lstm3('lstm', units, [null, steps, inDim])], build_input_shape: [null, steps, inDim] },
      build_config: { input_shape: [null, steps, inDim] },
    };
    const h5 = await kerasWeightsH5({
      'layers/lstm/vars': [],
      'layers/lstm/cell/vars': [{ shape: [inDim, 4 * units], values: kernel }, { shape: [units, 4 * units], values: recurrent }, { shape: [4 * units], values: bias }],
    });
    const model = await loadModel(await write('lstm.keras', kerasArchive(config, h5)));
    const xv = seeded(2 * steps * inDim, 34);
    const x = tf.tensor3d(xv, [2, steps, inDim]);
    const y = model.predict(x) as st.Tensor;
    const sequences = [0, 1].map((n) => reshape(xv.slice(n * steps * inDim, (n + 1) * steps * inDim), steps, inDim));
    expect(maxDiff(y.dataSync(), lstm(sequences, kernel, recurrent, bias, units).flat())).toBeLessThan(1e-5);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('.keras files written by Strata', () => {
  it('have the structure Keras 3 loads: config keys, module/class_name/registered_name, build_config, compile_config, weight paths', async () => {
    const model = st.sequential({
      name: 'net',
      layers: [st.layers.dense({ units: 4, activation: 'relu', inputShape: [5] }), st.layers.dropout({ rate: 0.5 }), st.layers.dense({ units: 3, activation: 'softmax' })],
    });
    model.compile({ optimizer: new st.Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const path = file('strata.keras');
    await model.save(path, { includeOptimizer: true });
    const entries = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(entries).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    const metadata = JSON.parse(new TextDecoder().decode(entries['metadata.json']));
    expect(metadata.keras_version).toMatch(/^3\./);
    const config = JSON.parse(new TextDecoder().decode(entries['config.json']));
    expect(config.module).toBe('keras');
    expect(config.class_name).toBe('Sequential');
    expect(config.registered_name).toBeNull();
    expect(config.build_config).toEqual({ input_shape: [null, 5] });
    expect(config.config.name).toBe('net');
    expect(config.config.build_input_shape).toEqual([null, 5]);
    const [inputLayer, d1, drop, d2] = config.config.layers;
    expect(inputLayer).toEqual({ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 5], dtype: 'float32', sparse: false, name: expect.any(String) }, registered_name: null });
    expect(d1.module).toBe('keras.layers');
    expect(d1.class_name).toBe('Dense');
    expect(d1.registered_name).toBeNull();
    expect(d1.build_config).toEqual({ input_shape: [null, 5] });
    expect(d1.config.dtype).toEqual({ module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null });
    expect(d1.config.kernel_initializer).toEqual({ module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null });
    expect(d1.config).toMatchObject({ name: d1.config.name, trainable: true, units: 4, activation: 'relu', use_bias: true, kernel_regularizer: null });
    // Keras 3 layers reject batch_input_shape; the shape lives on the InputLayer.
    expect(d1.config.batch_input_shape).toBeUndefined();
    expect(drop.class_name).toBe('Dropout');
    expect(drop.config).toMatchObject({ rate: 0.5, seed: null, noise_shape: null });
    expect(d2.build_config).toEqual({ input_shape: [null, 4] });
    const compile = config.compile_config;
    expect(compile.optimizer).toEqual({
      module: 'keras.optimizers', class_name: 'Adam', registered_name: null,
      config: { name: 'adam', learning_rate: 0.01, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false },
    });
    expect(compile).toMatchObject({ loss: 'categorical_crossentropy', metrics: ['accuracy'], loss_weights: null, weighted_metrics: null, run_eagerly: false, steps_per_execution: 1, jit_compile: false });

    const h5 = await inspectH5(entries['model.weights.h5']);
    expect([...h5.datasets.keys()].sort()).toEqual(
      ['layers/dense/vars/0', 'layers/dense/vars/1', 'layers/dense_1/vars/0', 'layers/dense_1/vars/1',
        ...Array.from({ length: 10 }, (_, i) => `optimizer/vars/${i}`)].sort(),
    );
    expect(h5.groups).toEqual(expect.arrayContaining(['vars', 'layers/dropout/vars', 'layers/dense/vars']));
    expect(h5.datasets.get('layers/dense/vars/0')!.shape).toEqual([5, 4]);
    const kernel = model.layers[0].weights[0].read().dataSync();
    expect(maxDiff(h5.datasets.get('layers/dense/vars/0')!.values, kernel)).toBe(0);
    expect(h5.datasets.get('optimizer/vars/0')).toMatchObject({ shape: [], dtype: '<q', values: [0] });
    expect(h5.datasets.get('optimizer/vars/1')!.values[0]).toBeCloseTo(0.01, 7);
    // Interleaved slots: momentum then velocity of dense/kernel, then of dense/bias, ...
    expect(h5.datasets.get('optimizer/vars/2')!.shape).toEqual([5, 4]);
    expect(h5.datasets.get('optimizer/vars/3')!.shape).toEqual([5, 4]);
    expect(h5.datasets.get('optimizer/vars/4')!.shape).toEqual([4]);
    model.dispose();
  });

  it('functional + merge: __keras_tensor__ inbound nodes, input/output layer refs, and a round trip with identical predictions', async () => {
    const a = st.input({ shape: [3], name: 'in_a' });
    const b = st.input({ shape: [3], name: 'in_b' });
    const sum = st.layers.add({ name: 'sum' }).apply([st.layers.dense({ units: 2, name: 'da' }).apply(a), st.layers.dense({ units: 2, name: 'db' }).apply(b)]) as st.SymbolicTensor;
    const model = st.model({ inputs: [a, b], outputs: sum, name: 'towers' });
    const path = file('towers.keras');
    await model.save(path);
    const config = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path)))['config.json']));
    expect(config).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional' });
    expect(config.config.input_layers).toEqual([['in_a', 0, 0], ['in_b', 0, 0]]);
    expect(config.config.output_layers).toEqual(['sum', 0, 0]);
    const add = config.config.layers.find((l: { name: string }) => l.name === 'sum');
    expect(add.inbound_nodes).toEqual([{ args: [[
      { class_name: '__keras_tensor__', config: { shape: [null, 2], dtype: 'float32', keras_history: ['da', 0, 0] } },
      { class_name: '__keras_tensor__', config: { shape: [null, 2], dtype: 'float32', keras_history: ['db', 0, 0] } },
    ]], kwargs: {} }]);
    const da = config.config.layers.find((l: { name: string }) => l.name === 'da');
    expect(da.inbound_nodes[0].args[0].config.keras_history).toEqual(['in_a', 0, 0]);

    const loaded = await loadModel(path);
    const xa = tf.tensor2d(seeded(6, 1), [2, 3]), xb = tf.tensor2d(seeded(6, 2), [2, 3]);
    const y1 = model.predict([xa, xb]) as st.Tensor, y2 = loaded.predict([xa, xb]) as st.Tensor;
    expect(maxDiff(y1.dataSync(), y2.dataSync())).toBe(0);
    tf.dispose([xa, xb, y1, y2]);
    model.dispose();
    loaded.dispose();
  });
});
