// Permute, RepeatVector, Cropping/ZeroPadding/UpSampling 1D-3D: every harness check with values
// worked by index arithmetic, parity with tfjs-layers 4.22, and construction errors.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, randomValues, runLayerTest, valuesOf } from '@strata/testing';
import { combineByIndex, gatherByIndex, halfPixel, iota } from './reference.js';
import { strataLoadsTfjs, tfjsLoadsStrata } from '../merging/tfjs-interop.js';

const { tf } = st;

// --- Permute, RepeatVector -----------------------------------------------------------------

runLayerTest({
  name: 'permute dims [2, 1]',
  make: () => st.layers.permute({ dims: [2, 1] }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 4, 3],
  expectedOutput: { input: iota([2, 3, 4]), output: gatherByIndex(iota([2, 3, 4]), [2, 3, 4], [2, 4, 3], ([b, i, j]) => [b, j, i]) },
});

runLayerTest({
  name: 'permute dims [3, 1, 2]',
  make: () => st.layers.permute({ dims: [3, 1, 2] }),
  inputShape: [2, 2, 3, 4],
  expectedOutputShape: [2, 4, 2, 3],
  // out[b, i, j, k] = in[b, j, k, i]: output axis 1 is input axis 3, and so on.
  expectedOutput: { input: iota([2, 2, 3, 4]), output: gatherByIndex(iota([2, 2, 3, 4]), [2, 2, 3, 4], [2, 4, 2, 3], ([b, i, j, k]) => [b, j, k, i]) },
});

runLayerTest({
  name: 'repeatVector n 3',
  make: () => st.layers.repeatVector({ n: 3 }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 3, 4],
  expectedOutput: { input: iota([2, 4]), output: gatherByIndex(iota([2, 4]), [2, 4], [2, 3, 4], ([b, , f]) => [b, f]) },
});

// --- Cropping ----------------------------------------------------------------------------

runLayerTest({
  name: 'cropping1d default [1, 1]',
  make: () => st.layers.cropping1d(),
  inputShape: [2, 5, 2],
  expectedOutputShape: [2, 3, 2],
  expectedOutput: { input: iota([2, 5, 2]), output: gatherByIndex(iota([2, 5, 2]), [2, 5, 2], [2, 3, 2], ([b, t, f]) => [b, t + 1, f]) },
});

runLayerTest({
  name: 'cropping1d [2, 0]',
  make: () => st.layers.cropping1d({ cropping: [2, 0] }),
  inputShape: [2, 5, 2],
  expectedOutputShape: [2, 3, 2],
  expectedOutput: { input: iota([2, 5, 2]), output: gatherByIndex(iota([2, 5, 2]), [2, 5, 2], [2, 3, 2], ([b, t, f]) => [b, t + 2, f]) },
});

runLayerTest({
  name: 'cropping2d [[1, 0], [0, 2]]',
  make: () => st.layers.cropping2d({ cropping: [[1, 0], [0, 2]] }),
  inputShape: [2, 3, 4, 2],
  expectedOutputShape: [2, 2, 2, 2],
  expectedOutput: { input: iota([2, 3, 4, 2]), output: gatherByIndex(iota([2, 3, 4, 2]), [2, 3, 4, 2], [2, 2, 2, 2], ([b, h, w, c]) => [b, h + 1, w, c]) },
});

runLayerTest({
  name: 'cropping2d symmetric [1, 1] channels_first',
  make: () => st.layers.cropping2d({ cropping: [1, 1], dataFormat: 'channels_first' }),
  inputShape: [1, 2, 4, 4],
  expectedOutputShape: [1, 2, 2, 2],
  expectedOutput: { input: iota([1, 2, 4, 4]), output: gatherByIndex(iota([1, 2, 4, 4]), [1, 2, 4, 4], [1, 2, 2, 2], ([b, c, h, w]) => [b, c, h + 1, w + 1]) },
});

runLayerTest({
  name: 'cropping3d default [[1,1],[1,1],[1,1]]',
  make: () => st.layers.cropping3d(),
  inputShape: [1, 3, 4, 3, 2],
  expectedOutputShape: [1, 1, 2, 1, 2],
  expectedOutput: {
    input: iota([1, 3, 4, 3, 2]),
    output: gatherByIndex(iota([1, 3, 4, 3, 2]), [1, 3, 4, 3, 2], [1, 1, 2, 1, 2], ([b, d, h, w, c]) => [b, d + 1, h + 1, w + 1, c]),
  },
});

// --- ZeroPadding ------------------------------------------------------------------------

const inside = (i: number, before: number, n: number) => (i >= before && i < before + n ? i - before : null);

runLayerTest({
  name: 'zeroPadding1d [2, 1]',
  make: () => st.layers.zeroPadding1d({ padding: [2, 1] }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 6, 2],
  expectedOutput: {
    input: iota([2, 3, 2]),
    output: gatherByIndex(iota([2, 3, 2]), [2, 3, 2], [2, 6, 2], ([b, t, f]) => (inside(t, 2, 3) === null ? null : [b, t - 2, f])),
  },
});

runLayerTest({
  name: 'zeroPadding2d default [[1,1],[1,1]]',
  make: () => st.layers.zeroPadding2d(),
  inputShape: [2, 2, 3, 1],
  expectedOutputShape: [2, 4, 5, 1],
  expectedOutput: {
    input: iota([2, 2, 3, 1]),
    output: gatherByIndex(iota([2, 2, 3, 1]), [2, 2, 3, 1], [2, 4, 5, 1], ([b, h, w, c]) =>
      inside(h, 1, 2) === null || inside(w, 1, 3) === null ? null : [b, h - 1, w - 1, c],
    ),
  },
});

runLayerTest({
  name: 'zeroPadding2d [[0, 1], [2, 0]] channels_first',
  make: () => st.layers.zeroPadding2d({ padding: [[0, 1], [2, 0]], dataFormat: 'channelsFirst' }),
  inputShape: [1, 2, 2, 2],
  expectedOutputShape: [1, 2, 3, 4],
  expectedOutput: {
    input: iota([1, 2, 2, 2]),
    output: gatherByIndex(iota([1, 2, 2, 2]), [1, 2, 2, 2], [1, 2, 3, 4], ([b, c, h, w]) =>
      inside(h, 0, 2) === null || inside(w, 2, 2) === null ? null : [b, c, h, w - 2],
    ),
  },
});

runLayerTest({
  name: 'zeroPadding3d [1, 0, 2]',
  make: () => st.layers.zeroPadding3d({ padding: [1, 0, 2] }),
  inputShape: [1, 2, 2, 1, 2],
  expectedOutputShape: [1, 4, 2, 5, 2],
  expectedOutput: {
    input: iota([1, 2, 2, 1, 2]),
    output: gatherByIndex(iota([1, 2, 2, 1, 2]), [1, 2, 2, 1, 2], [1, 4, 2, 5, 2], ([b, d, h, w, c]) =>
      inside(d, 1, 2) === null || inside(w, 2, 1) === null ? null : [b, d - 1, h, w - 2, c],
    ),
  },
});

// --- UpSampling ---------------------------------------------------------------------------

runLayerTest({
  name: 'upSampling1d default size 2',
  make: () => st.layers.upSampling1d(),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 6, 2],
  expectedOutput: { input: iota([2, 3, 2]), output: gatherByIndex(iota([2, 3, 2]), [2, 3, 2], [2, 6, 2], ([b, t, f]) => [b, Math.floor(t / 2), f]) },
});

runLayerTest({
  name: 'upSampling2d nearest [2, 3]',
  make: () => st.layers.upSampling2d({ size: [2, 3] }),
  inputShape: [2, 2, 2, 1],
  expectedOutputShape: [2, 4, 6, 1],
  expectedOutput: {
    input: iota([2, 2, 2, 1]),
    output: gatherByIndex(iota([2, 2, 2, 1]), [2, 2, 2, 1], [2, 4, 6, 1], ([b, h, w, c]) => [b, Math.floor(h / 2), Math.floor(w / 3), c]),
  },
});

runLayerTest({
  name: 'upSampling2d bilinear [2, 3] (half-pixel centres, as Keras 3)',
  make: () => st.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }),
  inputShape: [1, 2, 3, 2],
  expectedOutputShape: [1, 4, 9, 2],
  expectedOutput: {
    input: iota([1, 2, 3, 2]),
    output: combineByIndex(iota([1, 2, 3, 2]), [1, 2, 3, 2], [1, 4, 9, 2], ([b, h, w, c]) => {
      const [h0, h1, fh] = halfPixel(h, 2, 2);
      const [w0, w1, fw] = halfPixel(w, 3, 3);
      return [
        [[b, h0, w0, c], (1 - fh) * (1 - fw)],
        [[b, h0, w1, c], (1 - fh) * fw],
        [[b, h1, w0, c], fh * (1 - fw)],
        [[b, h1, w1, c], fh * fw],
      ];
    }),
  },
});

runLayerTest({
  name: 'upSampling2d bilinear channels_first',
  make: () => st.layers.upSampling2d({ interpolation: 'bilinear', dataFormat: 'channels_first' }),
  inputShape: [1, 1, 2, 2],
  expectedOutputShape: [1, 1, 4, 4],
  // TF's resize of [[1, 2], [3, 4]] to 4x4 (half-pixel): rows [1, 1.5, 2.5, 3] → weights .25/.75.
  expectedOutput: {
    input: [1, 2, 3, 4],
    output: [
      [1, 1.25, 1.75, 2],
      [1.5, 1.75, 2.25, 2.5],
      [2.5, 2.75, 3.25, 3.5],
      [3, 3.25, 3.75, 4],
    ],
  },
});

runLayerTest({
  name: 'upSampling3d [1, 2, 2]',
  make: () => st.layers.upSampling3d({ size: [1, 2, 2] }),
  inputShape: [1, 2, 2, 2, 1],
  expectedOutputShape: [1, 2, 4, 4, 1],
  expectedOutput: {
    input: iota([1, 2, 2, 2, 1]),
    output: gatherByIndex(iota([1, 2, 2, 2, 1]), [1, 2, 2, 2, 1], [1, 2, 4, 4, 1], ([b, d, h, w, c]) => [b, d, Math.floor(h / 2), Math.floor(w / 2), c]),
  },
});

// --- parity with tfjs-layers ----------------------------------------------------------------

describe('reshaping: parity with tfjs-layers 4.22', () => {
  const cases: Array<[string, number[], () => st.Layer, () => tfl.layers.Layer]> = [
    ['Permute', [2, 3, 4], () => st.layers.permute({ dims: [2, 1] }), () => tfl.layers.permute({ dims: [2, 1] })],
    ['RepeatVector', [2, 4], () => st.layers.repeatVector({ n: 3 }), () => tfl.layers.repeatVector({ n: 3 })],
    ['Cropping2D', [2, 5, 4, 3], () => st.layers.cropping2D({ cropping: [[1, 2], [0, 1]] }), () => tfl.layers.cropping2D({ cropping: [[1, 2], [0, 1]] })],
    ['Cropping2D channels_first', [2, 3, 5, 4], () => st.layers.cropping2d({ cropping: [1, 1], dataFormat: 'channelsFirst' }), () => tfl.layers.cropping2D({ cropping: [1, 1], dataFormat: 'channelsFirst' })],
    ['ZeroPadding2D', [2, 3, 2, 2], () => st.layers.zeroPadding2d({ padding: [[1, 0], [2, 1]] }), () => tfl.layers.zeroPadding2d({ padding: [[1, 0], [2, 1]] })],
    ['UpSampling2D nearest', [2, 3, 2, 2], () => st.layers.upSampling2d({ size: [3, 2] }), () => tfl.layers.upSampling2d({ size: [3, 2] })],
    ['UpSampling2D channels_first', [1, 2, 3, 2], () => st.layers.upSampling2d({ dataFormat: 'channelsFirst' }), () => tfl.layers.upSampling2d({ dataFormat: 'channelsFirst' })],
  ];
  for (const [name, shape, ours, theirs] of cases) {
    it(`${name} agrees`, () => {
      const x = tf.tensor(randomValues(shape.reduce((a, b) => a * b, 1), 13), shape);
      const a = ours().apply(x) as st.Tensor;
      const b = theirs().apply(x) as st.Tensor;
      expect(a.shape).toEqual(b.shape);
      assertAllClose(valuesOf(a), valuesOf(b), name, { atol: 1e-6, rtol: 1e-4 });
      tf.dispose([x, a, b]);
    });
  }

  it('UpSampling2D bilinear follows Keras 3 (half-pixel), not tfjs-layers (corner-aligned grid)', () => {
    const x = tf.tensor4d([1, 3], [1, 1, 2, 1]);
    const y = st.layers.upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(x);
    // tf.image.resize([1, 3] -> 4, bilinear) in TF2 / Keras 3.
    assertAllClose(valuesOf(y), [1, 1.5, 2.5, 3], 'half-pixel bilinear');
    const theirs = tfl.layers.upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(x) as st.Tensor;
    expect(valuesOf(theirs)).toEqual([1, 2, 3, 3]); // tfjs-layers: resizeBilinear without half-pixel centres
    tf.dispose([x, y, theirs]);
  });

  it('a model of the shared layers round-trips between Strata and tfjs-layers files', async () => {
    const x = tf.tensor(randomValues(3 * 4 * 3 * 2, 17), [3, 4, 3, 2]);
    const ours = st.sequential({
      layers: [
        st.layers.zeroPadding2d({ padding: 1, inputShape: [4, 3, 2] }),
        st.layers.cropping2d({ cropping: [[0, 1], [1, 0]] }),
        st.layers.upSampling2d({ size: 2 }),
        st.layers.reshape({ targetShape: [10 * 8, 2] }),
        st.layers.permute({ dims: [2, 1] }),
        st.layers.flatten(),
        st.layers.dense({ units: 3 }),
        st.layers.repeatVector({ n: 2 }),
      ],
    });
    expect(await tfjsLoadsStrata(ours, x)).toEqual(['ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Reshape', 'Permute', 'Flatten', 'Dense', 'RepeatVector']);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.zeroPadding2d({ padding: [[1, 0], [0, 2]], inputShape: [4, 3, 2] }),
        tfl.layers.cropping2D({ cropping: [1, 1] }),
        tfl.layers.upSampling2d({ size: [2, 1] }),
        tfl.layers.permute({ dims: [3, 1, 2] }),
      ],
    });
    expect(await strataLoadsTfjs(theirs, x)).toEqual(['ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Permute']);
    x.dispose();
    ours.dispose();
    theirs.dispose();
  });
});

// --- errors ----------------------------------------------------------------------------------

describe('reshaping: errors name the argument', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['permute not a permutation', () => st.layers.permute({ dims: [1, 3] }), /dims must be a permutation of 1..n .* found \[1,3\]/],
    ['permute 0-based', () => st.layers.permute({ dims: [0, 1] }), /dims must be a permutation/],
    ['repeatVector n 0', () => st.layers.repeatVector({ n: 0 }), /n must be a positive integer, found 0/],
    ['cropping1d negative', () => st.layers.cropping1d({ cropping: [-1, 0] }), /cropping must be an integer or \[before, after\] of non-negative integers, found \[-1,0\]/],
    ['cropping2d three entries', () => st.layers.cropping2d({ cropping: [1, 2, 3] }), /cropping must be an integer, 2 integers .* found \[1,2,3\]/],
    ['zeroPadding3d bad pair', () => st.layers.zeroPadding3d({ padding: [[1, 1], [1], [1, 1]] as never }), /padding must be .* found/],
    ['upSampling2d size 0', () => st.layers.upSampling2d({ size: [2, 0] }), /size must be a positive integer or 2 positive integers .* found \[2,0\]/],
    ['upSampling2d bicubic', () => st.layers.upSampling2d({ interpolation: 'bicubic' as never }), /interpolation must be 'nearest' or 'bilinear', found "bicubic"/],
    ['cropping2d dataFormat', () => st.layers.cropping2d({ dataFormat: 'nhwc' as never }), /dataFormat must be 'channelsLast' or 'channelsFirst', found 'nhwc'/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      expect(make).toThrow(st.ValueError);
      expect(make).toThrow(message);
    });
  }

  it('cropping that leaves nothing fails with the shape', () => {
    const layer = st.layers.cropping1d({ cropping: [2, 2] });
    expect(() => layer.apply(st.input({ shape: [4, 3] }))).toThrow(/cropping \[2, 2\] on axis 1 must leave at least one entry of 4; input shape \[null, 4, 3\]/);
  });

  it('wrong input rank fails naming the layer', () => {
    const x = tf.zeros([2, 3]);
    expect(() => st.layers.upSampling2d().apply(x)).toThrow(/expected rank 4, found rank 2/);
    expect(() => st.layers.repeatVector({ n: 2 }).apply(tf.zeros([1, 2, 3]))).toThrow(/expected rank 2, found rank 3/);
    x.dispose();
  });

  it('unknown spatial sizes stay unknown in the output shape', () => {
    const y = st.layers.upSampling1d({ size: 3 }).apply(st.input({ shape: [null, 2] }));
    expect(y.shape).toEqual([null, null, 2]);
    const z = st.layers.cropping2d({ cropping: 1 }).apply(st.input({ shape: [null, 5, 2] }));
    expect(z.shape).toEqual([null, null, 3, 2]);
  });
});
