// The layers of this family on the wasm backend: forward values equal cpu's, and a training step
// runs (the Embedding gradient's UnsortedSegmentSum goes through the kernel bridge; attention
// and upsampling use matMul/transpose/concat only, never einsum).
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { assertAllClose, randomValues, valuesOf } from '@strata/testing';

const { tf } = st;

function buildModel(): st.Functional {
  const ids = st.input({ shape: [4], name: 'ids' });
  const image = st.input({ shape: [2, 2, 3], name: 'image' });
  const embedded = st.layers.embedding({ inputDim: 7, outputDim: 6, maskZero: true }).apply(ids) as st.SymbolicTensor;
  const attended = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 3 }).apply(embedded) as st.SymbolicTensor;
  const luong = st.layers.attention({ useScale: true }).apply([attended, embedded]) as st.SymbolicTensor;
  const pooled = st.layers.flatten().apply(st.layers.concatenate().apply([attended, luong]) as st.SymbolicTensor) as st.SymbolicTensor;
  const up = st.layers.upSampling2d({ interpolation: 'bilinear' }).apply(image) as st.SymbolicTensor;
  const pic = st.layers.flatten().apply(st.layers.pReLU().apply(st.layers.zeroPadding2d().apply(up) as st.SymbolicTensor) as st.SymbolicTensor) as st.SymbolicTensor;
  const a = st.layers.dense({ units: 3 }).apply(pooled) as st.SymbolicTensor;
  const b = st.layers.dense({ units: 3 }).apply(pic) as st.SymbolicTensor;
  const merged = st.layers.add().apply([a, b, st.layers.dot({ axes: 1 }).apply([a, b]) as st.SymbolicTensor]);
  return st.model({ inputs: [ids, image], outputs: merged });
}

describe('attention, merging, reshaping and embedding layers on wasm', () => {
  afterAll(async () => {
    await st.useBackend('cpu');
  });

  it('predicts and trains as on cpu', async () => {
    const data = () => [
      tf.tensor2d([[1, 4, 0, 0], [6, 2, 3, 0], [5, 5, 1, 2]], undefined, 'int32'),
      tf.tensor(randomValues(3 * 12, 9), [3, 2, 2, 3]),
      tf.tensor(randomValues(9, 10), [3, 3]),
    ];
    const run = async (backend: 'cpu' | 'wasm', initial: st.Tensor[] | null) => {
      await st.useBackend(backend);
      const model = buildModel();
      if (initial) model.setWeights(initial);
      const weights = model.getWeights();
      const [ids, image, y] = data();
      const prediction = model.predict([ids, image]) as st.Tensor;
      const predicted = valuesOf(prediction);
      model.compile({ optimizer: new st.SGD({ learningRate: 0.01 }), loss: 'meanSquaredError' });
      const losses = [(await model.trainOnBatch([ids, image], y)) as number, (await model.trainOnBatch([ids, image], y)) as number];
      const copies = model.getWeights();
      const trained = copies.map(valuesOf);
      tf.dispose(copies);
      tf.dispose([prediction, ids, image, y]);
      model.dispose();
      return { weights, predicted, losses, trained };
    };
    const cpu = await run('cpu', null);
    const initial = cpu.weights.map((w) => tf.tensor(valuesOf(w), w.shape));
    tf.dispose(cpu.weights);
    const wasm = await run('wasm', initial);
    tf.dispose([...initial, ...wasm.weights]);
    assertAllClose(wasm.predicted, cpu.predicted, 'wasm vs cpu predictions', { atol: 1e-5, rtol: 1e-4 });
    assertAllClose(wasm.losses, cpu.losses, 'wasm vs cpu losses', { atol: 1e-5, rtol: 1e-4 });
    expect(cpu.losses[1]).toBeLessThan(cpu.losses[0]);
    wasm.trained.forEach((w, i) => assertAllClose(w, cpu.trained[i], `weight ${i} after two steps`, { atol: 1e-5, rtol: 1e-3 }));
  });
});
