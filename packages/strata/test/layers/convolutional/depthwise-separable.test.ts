// DepthwiseConv1D/2D and SeparableConv1D/2D: every harness check, outputs against the
// reference (depthwise: output channel c·dm + m from channel c and filter m; separable: that
// followed by a 1×…×1 convolution), weights in Keras' names and shapes, and bad configs.
import { beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runRefCase } from './ref-case.js';
import { addBias, conv, depthwise, mapFlat, permuteChannels } from './reference.js';

beforeAll(async () => {
  await st.useBackend('cpu');
});

// ---- DepthwiseConv1D / 2D -----------------------------------------------------------------

runRefCase({
  name: 'depthwiseConv1d valid, depthMultiplier 2',
  make: () => st.layers.depthwiseConv1d({ kernelSize: 3, depthMultiplier: 2 }),
  inputShape: [2, 7, 3],
  weightShapes: [[3, 3, 2], [6]],
  forward: (x, [k, b]) => addBias(depthwise(x, k, {}), b.data),
});

runRefCase({
  name: 'depthwiseConv1d causal, dilation 2',
  make: () => st.layers.depthwiseConv1d({ kernelSize: 2, padding: 'causal', dilationRate: 2 }),
  inputShape: [2, 6, 2],
  weightShapes: [[2, 2, 1], [2]],
  forward: (x, [k, b]) => addBias(depthwise(x, k, { padding: 'causal', dilation: [2] }), b.data),
});

runRefCase({
  name: 'depthwiseConv1d same, strides 2, channels-first',
  make: () => st.layers.depthwiseConv1d({ kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst' }),
  inputShape: [2, 3, 7],
  weightShapes: [[3, 3, 1], [3]],
  forward: (x, [k, b]) => permuteChannels(addBias(depthwise(permuteChannels(x, false), k, { strides: [2], padding: 'same' }), b.data), true),
});

runRefCase({
  name: 'depthwiseConv2d valid, depthMultiplier 2',
  make: () => st.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }),
  inputShape: [2, 5, 5, 3],
  weightShapes: [[3, 3, 3, 2], [6]],
  forward: (x, [k, b]) => addBias(depthwise(x, k, {}), b.data),
});

runRefCase({
  name: 'depthwiseConv2d same, strides 2, relu',
  make: () => st.layers.depthwiseConv2d({ kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu' }),
  inputShape: [2, 5, 4, 2],
  weightShapes: [[3, 2, 2, 1], [2]],
  forward: (x, [k, b]) => mapFlat(addBias(depthwise(x, k, { strides: [2, 2], padding: 'same' }), b.data), (v) => Math.max(v, 0)),
});

runRefCase({
  name: 'depthwiseConv2d same, dilation 2, channels-first',
  make: () => st.layers.depthwiseConv2d({ kernelSize: 2, dilationRate: 2, padding: 'same', dataFormat: 'channelsFirst', depthMultiplier: 2 }),
  inputShape: [2, 2, 4, 4],
  weightShapes: [[2, 2, 2, 2], [4]],
  forward: (x, [k, b]) => permuteChannels(addBias(depthwise(permuteChannels(x, false), k, { padding: 'same', dilation: [2, 2] }), b.data), true),
});

// ---- SeparableConv1D / 2D -----------------------------------------------------------------

runRefCase({
  name: 'separableConv1d valid, depthMultiplier 2',
  make: () => st.layers.separableConv1d({ filters: 4, kernelSize: 3, depthMultiplier: 2 }),
  inputShape: [2, 7, 3],
  weightShapes: [[3, 3, 2], [1, 6, 4], [4]],
  forward: (x, [dw, pw, b]) => addBias(conv(depthwise(x, dw, {}), pw, {}), b.data),
});

runRefCase({
  name: 'separableConv1d causal, dilation 2, no bias',
  make: () => st.layers.separableConv1d({ filters: 2, kernelSize: 2, padding: 'causal', dilationRate: 2, useBias: false }),
  inputShape: [2, 6, 2],
  weightShapes: [[2, 2, 1], [1, 2, 2]],
  forward: (x, [dw, pw]) => conv(depthwise(x, dw, { padding: 'causal', dilation: [2] }), pw, {}),
});

runRefCase({
  name: 'separableConv2d valid, depthMultiplier 2',
  make: () => st.layers.separableConv2d({ filters: 3, kernelSize: 3, depthMultiplier: 2 }),
  inputShape: [2, 5, 5, 2],
  weightShapes: [[3, 3, 2, 2], [1, 1, 4, 3], [3]],
  forward: (x, [dw, pw, b]) => addBias(conv(depthwise(x, dw, {}), pw, {}), b.data),
});

runRefCase({
  name: 'separableConv2d same, strides 2, tanh',
  make: () => st.layers.separableConv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }),
  inputShape: [2, 5, 5, 2],
  weightShapes: [[3, 3, 2, 1], [1, 1, 2, 2], [2]],
  forward: (x, [dw, pw, b]) => mapFlat(addBias(conv(depthwise(x, dw, { strides: [2, 2], padding: 'same' }), pw, {}), b.data), Math.tanh),
});

runRefCase({
  name: 'separableConv2d channels-first, dilation 2',
  make: () => st.layers.separableConv2d({ filters: 2, kernelSize: 2, dilationRate: 2, dataFormat: 'channelsFirst' }),
  inputShape: [2, 2, 5, 5],
  weightShapes: [[2, 2, 2, 1], [1, 1, 2, 2], [2]],
  forward: (x, [dw, pw, b]) => permuteChannels(addBias(conv(depthwise(permuteChannels(x, false), dw, { dilation: [2, 2] }), pw, {}), b.data), true),
});

// ---- weights and errors -------------------------------------------------------------------

describe('Depthwise and separable weights and errors', () => {
  it('DepthwiseConv2D: depthwise_kernel [kh, kw, cin, dm], bias [cin·dm]', () => {
    const layer = st.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, name: 'dw' });
    const x = st.tf.zeros([1, 5, 5, 3]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['dw/depthwise_kernel', [3, 3, 3, 2]],
      ['dw/bias', [6]],
    ]);
    x.dispose();
    layer.dispose();
  });

  it('SeparableConv2D: depthwise_kernel, pointwise_kernel [1, 1, cin·dm, filters], bias', () => {
    const layer = st.layers.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, name: 'sep' });
    const x = st.tf.zeros([1, 5, 5, 3]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['sep/depthwise_kernel', [3, 3, 3, 2]],
      ['sep/pointwise_kernel', [1, 1, 6, 4]],
      ['sep/bias', [4]],
    ]);
    x.dispose();
    layer.dispose();
  });

  it('stores the depthwise and pointwise initializers under their Keras names', () => {
    const config = st.layers.separableConv1d({ filters: 2, kernelSize: 3, depthwiseInitializer: 'ones', pointwiseInitializer: 'zeros' }).getConfig();
    expect(config.depthwiseInitializer).toEqual({ className: 'Ones', config: {} });
    expect(config.pointwiseInitializer).toEqual({ className: 'Zeros', config: {} });
    expect(config).toMatchObject({ filters: 2, depthMultiplier: 1, kernelSize: [3] });
  });

  const cases: Array<[string, () => unknown, RegExp]> = [
    ['depthMultiplier 0', () => st.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 }), /depthMultiplier must be a positive integer, found 0/],
    ['kernelSize 0', () => st.layers.depthwiseConv1d({ kernelSize: 0 }), /kernelSize must be a positive integer/],
    ['causal padding on DepthwiseConv2D', () => st.layers.depthwiseConv2d({ kernelSize: 3, padding: 'causal' }), /'causal' is only for 1-D/],
    ['causal padding on SeparableConv2D', () => st.layers.separableConv2d({ filters: 1, kernelSize: 3, padding: 'causal' }), /'causal' is only for 1-D/],
    ['strides and dilationRate both > 1', () => st.layers.separableConv2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 }), /strides > 1 cannot be combined/],
    ['filters missing', () => st.layers.separableConv2d({ kernelSize: 3 } as st.layers.SeparableConv2DArgs), /filters must be a positive integer, found undefined/],
  ];
  for (const [what, make, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(make).toThrow(st.ValueError);
      expect(make).toThrow(message);
    });
  }
});
