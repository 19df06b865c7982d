// Parity with tfjs-layers 4.22 (same process, one shared tfjs-core) for every convolution and
// pooling layer both have: identical weights give the same predictions (1e-4 relative), and one
// SGD step of [layer, Flatten, Dense(1)] under MSE moves every weight the same way.
// Not compared here (tfjs-layers lacks them or cannot train them): Conv1DTranspose,
// SeparableConv1D, DepthwiseConv1D, global 3-D pooling, Lp pooling, groups, causal padding
// (tfjs-layers: "not implemented yet") — reference.ts checks those; training with dilation (tfjs-core's conv gradients reject dilations > 1, which Strata
// avoids with a dilated kernel) and with Conv3DTranspose (no gradient in tfjs-core); average
// pooling 'same' training (tfjs-core's AvgPool gradient divides edge windows by the full
// window size; Strata divides by the real entries, as TF does — see pooling.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { seeded } from './reference.js';

const tf = st.tf;

beforeAll(async () => {
  await st.useBackend('cpu');
});

type Case = {
  name: string;
  ours: (inputShape: number[]) => st.Layer;
  theirs: (inputShape: number[]) => tfl.layers.Layer;
  /** One sample's shape (no batch). */
  sample: number[];
  train?: boolean;
};

// tfjs-layers' factories take the same argument objects (that is the point of the API).
const pair = (
  name: string,
  ours: (a: { inputShape: number[] }) => st.Layer,
  theirs: (a: { inputShape: number[] }) => tfl.layers.Layer,
  sample: number[],
  train = true,
): Case => ({ name, ours: (inputShape) => ours({ inputShape }), theirs: (inputShape) => theirs({ inputShape }), sample, train });

const L = st.layers;
const T = tfl.layers;
const cases: Case[] = [
  pair('Conv1D same, strides 2, relu', (a) => L.conv1d({ ...a, filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), (a) => T.conv1d({ ...a, filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), [9, 2]),
  pair('Conv1D valid, dilation 2', (a) => L.conv1d({ ...a, filters: 2, kernelSize: 3, dilationRate: 2 }), (a) => T.conv1d({ ...a, filters: 2, kernelSize: 3, dilationRate: 2 }), [8, 2], false),
  pair('Conv2D valid, kernel [3, 2]', (a) => L.conv2d({ ...a, filters: 3, kernelSize: [3, 2] }), (a) => T.conv2d({ ...a, filters: 3, kernelSize: [3, 2] }), [6, 5, 2]),
  pair('Conv2D same, strides 2, tanh', (a) => L.conv2d({ ...a, filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }), (a) => T.conv2d({ ...a, filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }), [5, 5, 2]),
  pair('Conv2D channels-first', (a) => L.conv2d({ ...a, filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }), (a) => T.conv2d({ ...a, filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }), [2, 4, 5]),
  pair('Conv2D dilation 2', (a) => L.conv2d({ ...a, filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' }), (a) => T.conv2d({ ...a, filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' }), [5, 5, 2], false),
  pair('Conv3D valid', (a) => L.conv3d({ ...a, filters: 2, kernelSize: 2 }), (a) => T.conv3d({ ...a, filters: 2, kernelSize: 2 }), [3, 3, 3, 2]),
  pair('Conv2DTranspose same, strides 2', (a) => L.conv2dTranspose({ ...a, filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), (a) => T.conv2dTranspose({ ...a, filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), [3, 3, 2]),
  pair('Conv2DTranspose valid', (a) => L.conv2dTranspose({ ...a, filters: 3, kernelSize: [2, 3] }), (a) => T.conv2dTranspose({ ...a, filters: 3, kernelSize: [2, 3] }), [3, 4, 2]),
  pair('Conv3DTranspose valid, strides 2', (a) => L.conv3dTranspose({ ...a, filters: 2, kernelSize: 2, strides: 2 }), (a) => T.conv3dTranspose({ ...a, filters: 2, kernelSize: 2, strides: 2 }), [2, 2, 2, 2], false),
  pair('SeparableConv2D same, depthMultiplier 2', (a) => L.separableConv2d({ ...a, filters: 3, kernelSize: 3, padding: 'same', depthMultiplier: 2 }), (a) => T.separableConv2d({ ...a, filters: 3, kernelSize: 3, padding: 'same', depthMultiplier: 2 }), [5, 5, 2]),
  pair('DepthwiseConv2D strides 2, depthMultiplier 2', (a) => L.depthwiseConv2d({ ...a, kernelSize: 3, strides: 2, depthMultiplier: 2 }), (a) => T.depthwiseConv2d({ ...a, kernelSize: 3, strides: 2, depthMultiplier: 2 }), [7, 7, 2]),
  pair('MaxPooling1D', (a) => L.maxPooling1d({ ...a, poolSize: 2 }), (a) => T.maxPooling1d({ ...a, poolSize: 2 }), [8, 3]),
  pair('MaxPooling2D same, strides 1', (a) => L.maxPooling2d({ ...a, poolSize: 3, strides: 1, padding: 'same' }), (a) => T.maxPooling2d({ ...a, poolSize: 3, strides: 1, padding: 'same' }), [4, 4, 2]),
  pair('MaxPooling3D', (a) => L.maxPooling3d({ ...a, poolSize: 2 }), (a) => T.maxPooling3d({ ...a, poolSize: 2 }), [4, 4, 4, 1]),
  pair('AveragePooling1D', (a) => L.averagePooling1d({ ...a, poolSize: 3, strides: 1 }), (a) => T.averagePooling1d({ ...a, poolSize: 3, strides: 1 }), [6, 2]),
  pair('AveragePooling2D same (forward)', (a) => L.averagePooling2d({ ...a, poolSize: 3, strides: 2, padding: 'same' }), (a) => T.averagePooling2d({ ...a, poolSize: 3, strides: 2, padding: 'same' }), [5, 5, 2], false),
  pair('AveragePooling2D valid', (a) => L.averagePooling2d({ ...a, poolSize: 2 }), (a) => T.averagePooling2d({ ...a, poolSize: 2 }), [4, 6, 2]),
  pair('AveragePooling3D', (a) => L.averagePooling3d({ ...a, poolSize: 2 }), (a) => T.averagePooling3d({ ...a, poolSize: 2 }), [4, 4, 2, 2]),
  pair('GlobalAveragePooling1D', (a) => L.globalAveragePooling1d(a), (a) => T.globalAveragePooling1d(a), [5, 3]),
  pair('GlobalAveragePooling2D', (a) => L.globalAveragePooling2d(a), (a) => T.globalAveragePooling2d(a), [3, 4, 2]),
  pair('GlobalMaxPooling1D', (a) => L.globalMaxPooling1d(a), (a) => T.globalMaxPooling1d(a), [5, 3]),
  pair('GlobalMaxPooling2D', (a) => L.globalMaxPooling2d(a), (a) => T.globalMaxPooling2d(a), [3, 4, 2]),
];

const BATCH = 4;

function models(c: Case, withHead: boolean): { ours: st.Sequential; theirs: tfl.Sequential } {
  const ours = st.sequential({ layers: [c.ours(c.sample)] });
  const theirs = tfl.sequential({ layers: [c.theirs(c.sample)] });
  if (withHead) {
    // Global pooling already gives [batch, channels]; tfjs-layers' Flatten rejects rank 2.
    if ((ours.outputShape ?? []).length > 2) {
      ours.add(st.layers.flatten());
      theirs.add(tfl.layers.flatten());
    }
    ours.add(st.layers.dense({ units: 1 }));
    theirs.add(tfl.layers.dense({ units: 1 }));
  }
  return { ours, theirs };
}

/** Seeded weights in Strata's shapes (biases non-zero on purpose), given to both models. */
function sameWeights(ours: st.Sequential, theirs: tfl.Sequential, seed: number): st.Tensor[] {
  const values = ours.weights.map((w, i) => tf.tensor(seeded(w.shape, seed + i).data, w.shape));
  ours.setWeights(values);
  theirs.setWeights(values);
  return values;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor));
  return worst;
}

describe('forward parity with tfjs-layers on identical weights', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { ours, theirs } = models(c, false);
      const values = sameWeights(ours, theirs, 40);
      const x = tf.tensor(seeded([BATCH, ...c.sample], 7).data, [BATCH, ...c.sample]);
      const a = ours.predict(x) as st.Tensor;
      const b = theirs.predict(x) as st.Tensor;
      expect(a.shape).toEqual(b.shape);
      expect(ours.layers[0].computeOutputShape([null, ...c.sample])).toEqual(theirs.layers[0].computeOutputShape([null, ...c.sample]));
      expect(maxRelDiff(a.dataSync(), b.dataSync())).toBeLessThanOrEqual(1e-4);
      tf.dispose([...values, x, a, b]);
      ours.dispose();
      theirs.dispose();
    });
  }
});

describe('one SGD step agrees with tfjs-layers', () => {
  for (const c of cases.filter((k) => k.train)) {
    it(c.name, async () => {
      const { ours, theirs } = models(c, true);
      const values = sameWeights(ours, theirs, 80);
      ours.compile({ optimizer: st.train.sgd(0.05), loss: 'meanSquaredError' });
      theirs.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
      const x = tf.tensor(seeded([BATCH, ...c.sample], 9).data, [BATCH, ...c.sample]);
      const y = tf.tensor(seeded([BATCH, 1], 10).data, [BATCH, 1]);
      const ourLoss = (await ours.trainOnBatch(x, y)) as number;
      const theirLoss = (await theirs.trainOnBatch(x, y)) as number;
      expect(Math.abs(ourLoss - theirLoss) / Math.abs(theirLoss)).toBeLessThanOrEqual(1e-4);
      const after = ours.getWeights();
      const theirAfter = theirs.getWeights(); // live variables: never dispose
      after.forEach((w, i) => {
        const start = values[i].dataSync();
        const ourStep = Array.from(w.dataSync(), (v, j) => v - start[j]);
        const theirStep = Array.from(theirAfter[i].dataSync(), (v, j) => v - start[j]);
        const stepSize = Math.max(...theirStep.map(Math.abs));
        // Every weight of the layer must have moved, or the comparison says nothing.
        expect(stepSize, `weight ${i} moved`).toBeGreaterThan(1e-5);
        const gap = Math.max(...ourStep.map((v, j) => Math.abs(v - theirStep[j])));
        expect(gap, `weight ${i}: step gap vs step size ${stepSize}`).toBeLessThanOrEqual(1e-3 * stepSize + 1e-7);
      });
      tf.dispose([...values, ...after, x, y]);
      ours.dispose();
      theirs.dispose();
    });
  }
});
