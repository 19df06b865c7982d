// Conv1DTranspose / Conv2DTranspose / Conv3DTranspose: every harness check (the gradient check
// covers Conv3DTranspose's own gradient), outputs against the scatter-form reference, and
// Keras' output sizes worked by hand: valid n·s + max(k - s, 0), same n·s, and with
// outputPadding p: (n - 1)·s + k - 2·pad + p where pad = floor(k / 2) for 'same', else 0.
import { beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runRefCase } from './ref-case.js';
import { addBias, convTranspose, permuteChannels } from './reference.js';

beforeAll(async () => {
  await st.useBackend('cpu');
});

// ---- Conv1DTranspose ----------------------------------------------------------------------

runRefCase({
  name: 'conv1dTranspose valid, strides 2 (4 → 4·2 + 1 = 9)',
  make: () => st.layers.conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2 }),
  inputShape: [2, 4, 3],
  weightShapes: [[3, 2, 3], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2] }, [9]), b.data),
});

runRefCase({
  name: 'conv1dTranspose same, strides 2 (4 → 8)',
  make: () => st.layers.conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
  inputShape: [2, 4, 3],
  weightShapes: [[3, 2, 3], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2], padding: 'same' }, [8]), b.data),
});

runRefCase({
  name: 'conv1dTranspose valid, outputPadding 1 (4 → 3·2 + 3 + 1 = 10)',
  make: () => st.layers.conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: 1 }),
  inputShape: [2, 4, 3],
  weightShapes: [[3, 2, 3], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2] }, [10]), b.data),
});

runRefCase({
  name: 'conv1dTranspose dilation 2 (4 → 4 + 3 - 1 = 6)',
  make: () => st.layers.conv1dTranspose({ filters: 3, kernelSize: 2, dilationRate: 2 }),
  inputShape: [2, 4, 2],
  weightShapes: [[2, 3, 2], [3]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { dilation: [2] }, [6]), b.data),
});

// ---- Conv2DTranspose ----------------------------------------------------------------------

runRefCase({
  name: 'conv2dTranspose same, strides 2 (3 → 6)',
  make: () => st.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
  inputShape: [2, 3, 3, 2],
  weightShapes: [[3, 3, 2, 2], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2, 2], padding: 'same' }, [6, 6]), b.data),
});

runRefCase({
  name: 'conv2dTranspose valid, kernel [2, 3], relu',
  make: () => st.layers.conv2dTranspose({ filters: 2, kernelSize: [2, 3], activation: 'relu' }),
  inputShape: [2, 3, 4, 2],
  weightShapes: [[2, 3, 2, 2], [2]],
  forward: (x, [k, b]) => {
    const y = addBias(convTranspose(x, k, {}, [4, 6]), b.data);
    return { data: y.data.map((v) => Math.max(v, 0)), shape: y.shape };
  },
});

runRefCase({
  name: 'conv2dTranspose channels-first, strides 2',
  make: () => st.layers.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 2, dataFormat: 'channelsFirst' }),
  inputShape: [2, 2, 3, 3],
  weightShapes: [[2, 2, 3, 2], [3]],
  forward: (x, [k, b]) => permuteChannels(addBias(convTranspose(permuteChannels(x, false), k, { strides: [2, 2] }, [6, 6]), b.data), true),
});

runRefCase({
  name: 'conv2dTranspose same, outputPadding [1, 0], kernel [4, 3] (3 → 2·2 + 4 - 4 + 1 = 5, 2·2 + 3 - 2 = 5)',
  make: () => st.layers.conv2dTranspose({ filters: 2, kernelSize: [4, 3], strides: 2, padding: 'same', outputPadding: [1, 0] }),
  inputShape: [2, 3, 3, 1],
  weightShapes: [[4, 3, 2, 1], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2, 2], padding: 'same' }, [5, 5]), b.data),
});

runRefCase({
  name: 'conv2dTranspose same, dilation 2',
  make: () => st.layers.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', useBias: false }),
  inputShape: [2, 3, 3, 2],
  weightShapes: [[3, 3, 2, 2]],
  forward: (x, [k]) => convTranspose(x, k, { dilation: [2, 2], padding: 'same' }, [3, 3]),
});

// ---- Conv3DTranspose ----------------------------------------------------------------------

runRefCase({
  name: 'conv3dTranspose valid, strides 2 (2 → 4)',
  make: () => st.layers.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 }),
  inputShape: [2, 2, 2, 2, 2],
  weightShapes: [[2, 2, 2, 2, 2], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { strides: [2, 2, 2] }, [4, 4, 4]), b.data),
});

runRefCase({
  name: 'conv3dTranspose same, kernel 3',
  make: () => st.layers.conv3dTranspose({ filters: 2, kernelSize: 3, padding: 'same' }),
  inputShape: [2, 2, 3, 2, 1],
  weightShapes: [[3, 3, 3, 2, 1], [2]],
  forward: (x, [k, b]) => addBias(convTranspose(x, k, { padding: 'same' }, [2, 3, 2]), b.data),
});

runRefCase({
  name: 'conv3dTranspose same, strides [2, 1, 2], channels-first',
  make: () => st.layers.conv3dTranspose({ filters: 2, kernelSize: [3, 2, 2], strides: [2, 1, 2], padding: 'same', dataFormat: 'channelsFirst' }),
  inputShape: [2, 1, 2, 2, 2],
  weightShapes: [[3, 2, 2, 2, 1], [2]],
  forward: (x, [k, b]) =>
    permuteChannels(addBias(convTranspose(permuteChannels(x, false), k, { strides: [2, 1, 2], padding: 'same' }, [4, 2, 4]), b.data), true),
});

// ---- weights and errors -------------------------------------------------------------------

describe('Conv transpose weights and errors', () => {
  it('kernel is [kh, kw, filters, inputChannels] as in Keras', () => {
    const layer = st.layers.conv2dTranspose({ filters: 5, kernelSize: [3, 2], name: 't2' });
    const x = st.tf.zeros([1, 4, 4, 3]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['t2/kernel', [3, 2, 5, 3]],
      ['t2/bias', [5]],
    ]);
    x.dispose();
    layer.dispose();
  });

  it('rejects outputPadding >= strides, naming both', () => {
    expect(() => st.layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 })).toThrow(
      /outputPadding must be smaller than strides on every axis, found outputPadding \[2,2\] and strides \[2,2\]/,
    );
  });

  it('rejects causal padding (Keras has none for transposed convolutions)', () => {
    expect(() => st.layers.conv1dTranspose({ filters: 1, kernelSize: 3, padding: 'causal' })).toThrow(/padding must be one of 'valid', 'same'/);
  });

  it('rejects strides and dilationRate both > 1', () => {
    expect(() => st.layers.conv3dTranspose({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/strides > 1 cannot be combined/);
  });

  it('rejects an outputPadding whose size does not convolve back to the input (even kernel, same)', () => {
    // k 2, s 2, same, p 0: (3 - 1)·2 + 2 - 2 + 0 = 4, and ceil(4 / 2) = 2 ≠ 3.
    const layer = st.layers.conv1dTranspose({ filters: 1, kernelSize: 2, strides: 2, padding: 'same', outputPadding: 0 });
    expect(() => layer.apply(st.input({ shape: [3, 1] }))).toThrow(/does not convolve back to the input length 3/);
  });

  it('rejects an input of the wrong rank', () => {
    const layer = st.layers.conv3dTranspose({ filters: 1, kernelSize: 2 });
    expect(() => layer.apply(st.input({ shape: [4, 4, 1] }))).toThrow(/expected rank 5, found rank 4/);
  });
});
