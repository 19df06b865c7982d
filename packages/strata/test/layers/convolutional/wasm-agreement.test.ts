// The convolution and pooling layers on the wasm backend (the default choice of 'auto') agree
// with the cpu backend, the reference of the other tests: forward values, the input gradient
// and every weight gradient, on the same seeded input and weights.
//
// The 3-D filter gradient, max-pool gradient and 3-D max pool cases caught native
// tfjs-backend-wasm 4.22 kernels computing wrong results; the backend now replaces those
// kernels (packages/strata/src/backend/kernel-bridge.ts, WRONG_WASM_KERNELS).
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { seeded } from './reference.js';

const tf = st.tf;
const L = st.layers;

type Case = { name: string; make: () => st.Layer; input: number[] };

const cases: Case[] = [
  { name: 'Conv1D same, strides 2', make: () => L.conv1d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), input: [2, 7, 3] },
  { name: 'Conv1D causal, dilation 2', make: () => L.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2 }), input: [2, 7, 3] },
  { name: 'Conv2D valid, strides 2', make: () => L.conv2d({ filters: 3, kernelSize: 3, strides: 2 }), input: [2, 7, 6, 2] },
  { name: 'Conv2D same, groups 2, channels-first', make: () => L.conv2d({ filters: 4, kernelSize: 2, groups: 2, padding: 'same', dataFormat: 'channelsFirst' }), input: [2, 4, 4, 4] },
  { name: 'Conv3D valid', make: () => L.conv3d({ filters: 2, kernelSize: 2 }), input: [2, 3, 4, 3, 2] },
  { name: 'Conv3D same, strides 2', make: () => L.conv3d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), input: [2, 4, 3, 4, 1] },
  { name: 'Conv1DTranspose strides 2', make: () => L.conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2 }), input: [2, 4, 3] },
  { name: 'Conv2DTranspose same, strides 2', make: () => L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), input: [2, 3, 3, 2] },
  { name: 'Conv3DTranspose same', make: () => L.conv3dTranspose({ filters: 2, kernelSize: 3, padding: 'same' }), input: [2, 2, 3, 2, 2] },
  { name: 'Conv3DTranspose strides 2', make: () => L.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 }), input: [2, 2, 2, 2, 2] },
  { name: 'DepthwiseConv1D strides 2', make: () => L.depthwiseConv1d({ kernelSize: 3, strides: 2, depthMultiplier: 2 }), input: [2, 7, 3] },
  { name: 'DepthwiseConv2D same, dilation 2', make: () => L.depthwiseConv2d({ kernelSize: 3, dilationRate: 2, padding: 'same' }), input: [2, 5, 5, 3] },
  { name: 'SeparableConv1D causal', make: () => L.separableConv1d({ filters: 2, kernelSize: 3, padding: 'causal' }), input: [2, 6, 2] },
  { name: 'SeparableConv2D same, strides 2', make: () => L.separableConv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }), input: [2, 5, 5, 2] },
  { name: 'MaxPooling2D 2×2 (LeNet)', make: () => L.maxPooling2d({ poolSize: 2 }), input: [2, 8, 8, 3] },
  { name: 'MaxPooling1D pool 3, strides 2', make: () => L.maxPooling1d({ poolSize: 3, strides: 2 }), input: [2, 7, 2] },
  { name: 'MaxPooling3D valid', make: () => L.maxPooling3d({ poolSize: 2 }), input: [2, 4, 4, 4, 2] },
  { name: 'MaxPooling3D same', make: () => L.maxPooling3d({ poolSize: 2, padding: 'same' }), input: [2, 3, 3, 3, 2] },
  { name: 'AveragePooling2D same, strides 2', make: () => L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), input: [2, 5, 5, 2] },
  { name: 'AveragePooling3D strides 1', make: () => L.averagePooling3d({ poolSize: 2, strides: 1 }), input: [2, 3, 3, 3, 2] },
  { name: 'LPPooling2D p 3, same', make: () => L.lpPooling2d({ poolSize: 2, padding: 'same', p: 3 }), input: [2, 5, 5, 2] },
  { name: 'GlobalMaxPooling3D', make: () => L.globalMaxPooling3d(), input: [2, 2, 3, 2, 2] },
  { name: 'GlobalAveragePooling2D', make: () => L.globalAveragePooling2d(), input: [2, 3, 4, 2] },
];

/** Output, input gradient and weight gradients of sum(layer(x) · r) on `backend`. */
async function evaluate(backend: 'cpu' | 'wasm', c: Case): Promise<Float32Array[]> {
  await st.useBackend(backend);
  const layer = c.make();
  const x = tf.tensor(seeded(c.input, 3).data, c.input);
  try {
    const probe = layer.apply(x);
    const r = tf.tensor(seeded(probe.shape, 5).data, probe.shape);
    probe.dispose();
    layer.setWeights(layer.weights.map((w, i) => tf.tensor(seeded(w.shape, 20 + i).data, w.shape)));
    const objective = (input: st.Tensor) => tf.sum(tf.mul(layer.apply(input), r)) as st.tf.Scalar;
    const y = layer.apply(x);
    const dx = tf.grad(objective)(x);
    const vars = layer.trainableWeights.map((w) => w.variable);
    const grads = vars.length > 0 ? tf.variableGrads(() => objective(x), vars).grads : {};
    const out = [y, dx, ...vars.map((v) => grads[v.name])].map((t) => Float32Array.from(t.dataSync() as Float32Array));
    tf.dispose([y, dx, r, ...Object.values(grads)]);
    return out;
  } finally {
    x.dispose();
    layer.dispose();
  }
}

afterAll(async () => {
  await st.useBackend('cpu');
});

describe('wasm agrees with cpu (forward, input gradient, weight gradients)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const ours = await evaluate('cpu', c);
      const theirs = await evaluate('wasm', c);
      const labels = ['output', 'input gradient', ...ours.slice(2).map((_, i) => `weight ${i} gradient`)];
      ours.forEach((a, i) => {
        const worst = a.reduce((m, v, j) => Math.max(m, Math.abs(v - theirs[i][j]) / Math.max(1, Math.abs(v))), 0);
        expect(worst, `${c.name}: ${labels[i]}`).toBeLessThanOrEqual(1e-4);
      });
    });
  }
});
