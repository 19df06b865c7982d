import { expect, it } from 'vitest';
import * as st from 'strata';
const { tf } = st;

it('probe leaks: predict > 32, fit validationSplit, evaluate metrics', async () => {
  const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), st.layers.dropout({rate: 0.2}), st.layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.randomNormal([70, 4]);
  const y = tf.oneHot(tf.tensor1d(Array.from({length: 70}, (_, i) => i % 2), 'int32'), 2);
  const n0 = tf.memory().numTensors;
  model.predict(x).dispose();
  console.log('predict', tf.memory().numTensors - n0);
  await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.2 });
  console.log('fit', tf.memory().numTensors - n0);
  tf.dispose(model.evaluate(x, y));
  console.log('evaluate', tf.memory().numTensors - n0);
  const n1 = tf.memory().numTensors;
  await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0, validationData: [x, y] });
  console.log('fit2', tf.memory().numTensors - n1);
  model.dispose();
  console.log('after dispose', tf.memory().numTensors - n0);
});

it('probe: sequential without InputLayer built lazily then saved/loaded', async () => {
  const model = st.sequential({ layers: [st.layers.flatten(), st.layers.dense({ units: 2 })] });
  const x = tf.randomNormal([3, 2, 2]);
  const p = model.predict(x);
  console.log('lazy shape', p.shape, model.outputShape, model.inputShapes);
  await model.save('file:///tmp/strata-probe-lazy');
  const loaded = await st.loadLayersModel('file:///tmp/strata-probe-lazy');
  const q = loaded.predict(x);
  console.log('same', Array.from(p.dataSync()).join(',') === Array.from(q.dataSync()).join(','));
});

it('probe: layer reuse: apply the same dense to two inputs of different last dim', () => {
  const d = st.layers.dense({ units: 2 });
  const a = st.layers.inputLayer({ batchInputShape: [null, 3] });
  d.apply(a.output);
  const c = st.layers.inputLayer({ batchInputShape: [null, 5] });
  expect(() => d.apply(c.output)).toThrow();
});

it('probe: dense on int32 input', () => {
  const d = st.layers.dense({ units: 2 });
  const x = tf.tensor2d([[1, 2]], [1, 2], 'int32');
  try { const y = d.apply(x); console.log('int32 dense ->', y.dtype); } catch (e) { console.log('int32 dense error:', (e as Error).message); }
});

it('probe: summary', () => {
  const model = st.sequential({ layers: [st.layers.inputLayer({inputShape:[2,3]}), st.layers.flatten(), st.layers.reshape({targetShape:[3,-1]}), st.layers.dense({ units: 2 }), st.layers.dropout({rate:0.1}), st.layers.activation({activation:'relu'})] });
  model.summary();
});

it('probe: sequential.build after add without input', () => {
  const model = st.sequential();
  model.add(st.layers.dense({ units: 2 }));
  model.build([null, 4]);
  console.log('weights after build', model.weights.map((w) => w.shape), model.outputShape);
});

it('probe: trainable setter then getConfig/ save', () => {
  const d = st.layers.dense({ units: 2, inputShape: [3] });
  d.trainable = false;
  console.log('config trainable', d.getConfig().trainable);
  const model = st.sequential({ layers: [d] });
  console.log('model trainable weights', model.trainableWeights.length, model.weights.length);
  model.trainable = true;
  console.log('after model.trainable=true, layer trainable', d.trainable);
});
