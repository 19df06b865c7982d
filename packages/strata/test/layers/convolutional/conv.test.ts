// Conv1D / Conv2D / Conv3D: every harness check, with outputs against the plain-JS reference
// (padding, strides, dilation, groups, causal, channels-first, activations, no bias).
import { beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runRefCase } from './ref-case.js';
import { addBias, conv, mapFlat, permuteChannels, type Flat } from './reference.js';

// The reference backend: fit/trainOnBatch would otherwise pick 'auto' (wasm) on first use, and
// wasm's agreement with cpu is checked on its own in wasm-agreement.test.ts.
beforeAll(async () => {
  await st.useBackend('cpu');
});

const relu = (t: Flat) => mapFlat(t, (v) => Math.max(v, 0));
const tanh = (t: Flat) => mapFlat(t, Math.tanh);

// ---- Conv1D -------------------------------------------------------------------------------

runRefCase({
  name: 'conv1d valid',
  make: () => st.layers.conv1d({ filters: 2, kernelSize: 3 }),
  inputShape: [2, 7, 3],
  weightShapes: [[3, 3, 2], [2]],
  forward: (x, [k, b]) => addBias(conv(x, k, {}), b.data),
});

runRefCase({
  name: 'conv1d same, strides 2, relu',
  make: () => st.layers.conv1d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
  inputShape: [2, 7, 3],
  weightShapes: [[3, 3, 2], [2]],
  forward: (x, [k, b]) => relu(addBias(conv(x, k, { strides: [2], padding: 'same' }), b.data)),
});

runRefCase({
  name: 'conv1d causal, dilation 2',
  make: () => st.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'causal', dilationRate: 2 }),
  inputShape: [2, 7, 2],
  weightShapes: [[3, 2, 3], [3]],
  forward: (x, [k, b]) => addBias(conv(x, k, { padding: 'causal', dilation: [2] }), b.data),
});

runRefCase({
  name: 'conv1d groups 2',
  make: () => st.layers.conv1d({ filters: 4, kernelSize: 2, groups: 2 }),
  inputShape: [2, 6, 4],
  weightShapes: [[2, 2, 4], [4]],
  forward: (x, [k, b]) => addBias(conv(x, k, {}, 2), b.data),
});

runRefCase({
  name: 'conv1d channels-first, no bias',
  make: () => st.layers.conv1d({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst', useBias: false }),
  inputShape: [2, 3, 7],
  weightShapes: [[3, 3, 2]],
  forward: (x, [k]) => permuteChannels(conv(permuteChannels(x, false), k, {}), true),
});

// ---- Conv2D -------------------------------------------------------------------------------

runRefCase({
  name: 'conv2d valid, kernel [2, 3]',
  make: () => st.layers.conv2d({ filters: 3, kernelSize: [2, 3] }),
  inputShape: [2, 5, 6, 2],
  weightShapes: [[2, 3, 2, 3], [3]],
  forward: (x, [k, b]) => addBias(conv(x, k, {}), b.data),
});

runRefCase({
  name: 'conv2d same, strides [2, 1], tanh',
  make: () => st.layers.conv2d({ filters: 3, kernelSize: 3, strides: [2, 1], padding: 'same', activation: 'tanh' }),
  inputShape: [2, 5, 5, 2],
  weightShapes: [[3, 3, 2, 3], [3]],
  forward: (x, [k, b]) => tanh(addBias(conv(x, k, { strides: [2, 1], padding: 'same' }), b.data)),
});

runRefCase({
  name: 'conv2d same, dilation 2',
  make: () => st.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', dilationRate: 2 }),
  inputShape: [2, 6, 6, 2],
  weightShapes: [[3, 3, 2, 2], [2]],
  forward: (x, [k, b]) => addBias(conv(x, k, { padding: 'same', dilation: [2, 2] }), b.data),
});

runRefCase({
  name: 'conv2d valid, dilation [2, 1]',
  make: () => st.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: [2, 1] }),
  inputShape: [2, 5, 4, 2],
  weightShapes: [[2, 2, 2, 2], [2]],
  forward: (x, [k, b]) => addBias(conv(x, k, { dilation: [2, 1] }), b.data),
});

runRefCase({
  name: 'conv2d groups 3',
  make: () => st.layers.conv2d({ filters: 6, kernelSize: 2, groups: 3 }),
  inputShape: [2, 4, 4, 3],
  weightShapes: [[2, 2, 1, 6], [6]],
  forward: (x, [k, b]) => addBias(conv(x, k, {}, 3), b.data),
});

runRefCase({
  name: 'conv2d channels-first',
  make: () => st.layers.conv2d({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' }),
  inputShape: [2, 2, 5, 5],
  weightShapes: [[3, 3, 2, 2], [2]],
  forward: (x, [k, b]) => permuteChannels(addBias(conv(permuteChannels(x, false), k, {}), b.data), true),
});

// ---- Conv3D -------------------------------------------------------------------------------

runRefCase({
  name: 'conv3d valid',
  make: () => st.layers.conv3d({ filters: 2, kernelSize: 2 }),
  inputShape: [2, 3, 4, 3, 2],
  weightShapes: [[2, 2, 2, 2, 2], [2]],
  forward: (x, [k, b]) => addBias(conv(x, k, {}), b.data),
});

runRefCase({
  name: 'conv3d same, strides 2',
  make: () => st.layers.conv3d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
  inputShape: [2, 4, 3, 4, 1],
  weightShapes: [[3, 3, 3, 1, 2], [2]],
  forward: (x, [k, b]) => addBias(conv(x, k, { strides: [2, 2, 2], padding: 'same' }), b.data),
});

runRefCase({
  name: 'conv3d dilation 2, groups 2, channels-first',
  make: () => st.layers.conv3d({ filters: 2, kernelSize: 2, dilationRate: 2, groups: 2, dataFormat: 'channelsFirst' }),
  inputShape: [2, 2, 3, 4, 3],
  weightShapes: [[2, 2, 2, 1, 2], [2]],
  forward: (x, [k, b]) => permuteChannels(addBias(conv(permuteChannels(x, false), k, { dilation: [2, 2, 2] }, 2), b.data), true),
});

// ---- weights, config, errors --------------------------------------------------------------

describe('Conv weights and config', () => {
  it('names and shapes the weights as Keras does (kernel [kh, kw, cin/groups, cout], bias [cout])', () => {
    const layer = st.layers.conv2d({ filters: 4, kernelSize: [3, 2], groups: 2, name: 'c2' });
    const x = st.tf.zeros([1, 5, 5, 6]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['c2/kernel', [3, 2, 3, 4]],
      ['c2/bias', [4]],
    ]);
    x.dispose();
    layer.dispose();
  });

  it('stores tuples and Keras spellings in its config', () => {
    const config = st.layers.conv1d({ filters: 2, kernelSize: 3, padding: 'CAUSAL', dataFormat: 'channelsLast' }).getConfig();
    expect(config).toMatchObject({ filters: 2, kernelSize: [3], strides: [1], dilationRate: [1], padding: 'causal', dataFormat: 'channels_last', groups: 1, activation: 'linear', useBias: true });
  });

  it('infers symbolic shapes with unknown spatial sizes', () => {
    const layer = st.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2 });
    expect(layer.computeOutputShape([null, null, 9, 2])).toEqual([null, null, 4, 5]);
  });
});

describe('Conv errors name the argument', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['kernelSize 0', () => st.layers.conv2d({ filters: 2, kernelSize: 0 }), /kernelSize must be a positive integer.*found 0/],
    ['kernelSize with a zero entry', () => st.layers.conv2d({ filters: 2, kernelSize: [3, 0] }), /kernelSize .*found \[3,0\]/],
    ['kernelSize of the wrong length', () => st.layers.conv3d({ filters: 2, kernelSize: [3, 3] }), /kernelSize must be .*3 positive integers/],
    ['filters 0', () => st.layers.conv1d({ filters: 0, kernelSize: 2 }), /filters must be a positive integer, found 0/],
    ['strides 0', () => st.layers.conv1d({ filters: 1, kernelSize: 2, strides: 0 }), /strides must be a positive integer/],
    ['an unknown padding', () => st.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'full' as 'same' }), /padding must be one of 'valid', 'same', found "full"/],
    ['causal padding on Conv2D', () => st.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'causal' }), /'causal' is only for 1-D convolutions/],
    ['strides and dilationRate both > 1', () => st.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 }), /strides > 1 cannot be combined with dilationRate > 1/],
    ['filters not divisible by groups', () => st.layers.conv2d({ filters: 3, kernelSize: 3, groups: 2 }), /filters must be divisible by groups, found filters 3 and groups 2/],
    ['an unknown dataFormat', () => st.layers.conv2d({ filters: 2, kernelSize: 3, dataFormat: 'nchw' as 'channelsLast' }), /dataFormat must be/],
    ['an unknown activation', () => st.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'nope' }), /Unknown activation 'nope'/],
  ];
  for (const [what, make, message] of cases) {
    it(`rejects ${what} at construction`, () => {
      expect(make).toThrow(st.ValueError);
      expect(make).toThrow(message);
    });
  }

  it('rejects input channels not divisible by groups at build', () => {
    const layer = st.layers.conv2d({ filters: 4, kernelSize: 2, groups: 2 });
    const x = st.tf.zeros([1, 4, 4, 3]);
    expect(() => layer.apply(x)).toThrow(/input channels must be divisible by groups, found 3 channels and groups 2/);
    x.dispose();
  });

  it('rejects an input of the wrong rank, naming the layer and both ranks', () => {
    const layer = st.layers.conv2d({ filters: 2, kernelSize: 3, name: 'rank_check' });
    const x = st.tf.zeros([1, 5, 5]);
    expect(() => layer.apply(x)).toThrow(/'rank_check' expected rank 4, found rank 3/);
    x.dispose();
  });

  it('rejects an input smaller than the kernel', () => {
    const layer = st.layers.conv1d({ filters: 2, kernelSize: 5 });
    const input = st.input({ shape: [3, 2] });
    expect(() => layer.apply(input)).toThrow(/input is too small for the window/);
  });

  it('rejects a symbolic input whose channels are unknown', () => {
    const layer = st.layers.conv1d({ filters: 2, kernelSize: 2 });
    expect(() => layer.apply(st.input({ shape: [5, null] }))).toThrow(/channel axis of the input must be known/);
  });
});
