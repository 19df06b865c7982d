// Model files exchanged with tfjs-layers 4.22 (the tfjs layers-model format, in memory): a
// CNN with every convolution and pooling layer both libraries have, saved by one and loaded by
// the other, keeps its layer classes, configs that matter, weights and predictions.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { tf } from 'strata';
import { seeded } from './reference.js';

beforeAll(async () => {
  await st.useBackend('cpu');
});

const CLASSES = [
  'Conv2D', 'MaxPooling2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv2DTranspose', 'AveragePooling2D',
  'GlobalAveragePooling2D',
];

// The same architecture written with each library (identical argument objects). tfjs-layers
// 4.22 leaves depthMultiplier out of SeparableConv2D's saved config, so files it writes can
// only hold separable layers with depthMultiplier 1 (Keras files carry it).
function build<M extends { add(layer: never): void }>(lib: typeof st.layers | typeof tfl.layers, model: M, separableDm = 2): M {
  const L = lib as typeof st.layers;
  const add = (layer: st.Layer) => model.add(layer as never);
  add(L.conv2d({ inputShape: [8, 8, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }));
  add(L.maxPooling2d({ poolSize: 2 }));
  add(L.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same', depthMultiplier: separableDm }));
  add(L.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, strides: 1 }));
  add(L.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2 }));
  add(L.averagePooling2d({ poolSize: 2, strides: 1 }));
  add(L.globalAveragePooling2d({}));
  return model;
}

function capture(): { handler: tf.io.IOHandler; artifacts: () => tf.io.ModelArtifacts } {
  let saved: tf.io.ModelArtifacts | null = null;
  const handler = tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  return { handler, artifacts: () => saved! };
}

const input = () => tf.tensor(seeded([3, 8, 8, 2], 5).data, [3, 8, 8, 2]);

function fill(model: st.Sequential): void {
  const values = model.weights.map((w, i) => tf.tensor(seeded(w.shape, 60 + i).data, w.shape));
  model.setWeights(values);
  tf.dispose(values);
}

function maxAbsDiff(a: st.Tensor, b: st.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const [x, y] = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
}

describe('conv/pool model files with tfjs-layers', () => {
  it('Strata saves, tfjs-layers loads: same classes, weight names, predictions', async () => {
    const ours = build(st.layers, st.sequential());
    fill(ours);
    const { handler, artifacts } = capture();
    await ours.save(handler);
    const specs = artifacts().weightSpecs!.map((s) => s.name);
    const sep = ours.layers[2].name;
    expect(specs).toContain(`${sep}/depthwise_kernel`);
    expect(specs).toContain(`${sep}/pointwise_kernel`);
    const theirs = await tfl.loadLayersModel({ load: async () => artifacts() });
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(CLASSES);
    const x = input();
    const a = ours.predict(x) as st.Tensor;
    const b = theirs.predict(x) as st.Tensor;
    expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, a, b]);
    ours.dispose();
    theirs.dispose();
  });

  it('tfjs-layers saves, Strata loads: same classes, configs, predictions', async () => {
    const theirs = build(tfl.layers, tfl.sequential(), 1);
    const { handler, artifacts } = capture();
    await theirs.save(handler);
    const ours = await st.loadLayersModel({ load: async () => artifacts() });
    expect(ours.layers.map((l) => l.getClassName())).toEqual(CLASSES);
    expect(ours.layers[0].getConfig()).toMatchObject({ filters: 3, kernelSize: [3, 3], padding: 'same', activation: 'relu', dataFormat: 'channels_last' });
    expect(ours.layers[2].getConfig()).toMatchObject({ filters: 4, depthMultiplier: 1 });
    expect(ours.layers[3].getConfig()).toMatchObject({ kernelSize: [2, 2], depthMultiplier: 2 });
    expect(ours.layers[4].getConfig()).toMatchObject({ filters: 2, kernelSize: [2, 2], strides: [2, 2] });
    expect(ours.layers[5].getConfig()).toMatchObject({ poolSize: [2, 2], strides: [1, 1] });
    const x = input();
    const a = ours.predict(x) as st.Tensor;
    const b = theirs.predict(x) as st.Tensor;
    expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, a, b]);
    ours.dispose();
    theirs.dispose();
  });
});
