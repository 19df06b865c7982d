// GlobalMaxPooling / GlobalAveragePooling (1-D to 3-D): every harness check, outputs against
// the reference, keepdims and channels-first shapes, and GlobalAveragePooling1D's mask.
import { beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runRefCase } from '../convolutional/ref-case.js';
import { globalPool, permuteChannels, type Flat } from '../convolutional/reference.js';

beforeAll(async () => {
  await st.useBackend('cpu');
});

const factories = {
  max: [st.layers.globalMaxPooling1d, st.layers.globalMaxPooling2d, st.layers.globalMaxPooling3d],
  avg: [st.layers.globalAveragePooling1d, st.layers.globalAveragePooling2d, st.layers.globalAveragePooling3d],
} as const;

/** [b, c] → [b, 1, …, 1, c] or [b, c, 1, …, 1]: same values, size-1 spatial axes. */
const keepDims = (t: Flat, rank: number, channelsFirst: boolean): Flat => {
  const ones = Array.from({ length: rank }, () => 1);
  return { data: t.data, shape: channelsFirst ? [t.shape[0], t.shape[1], ...ones] : [t.shape[0], ...ones, t.shape[1]] };
};

const shapes = [
  [2, 5, 3],
  [2, 3, 4, 2],
  [2, 2, 3, 2, 2],
];

for (const kind of ['max', 'avg'] as const) {
  shapes.forEach((inputShape, i) => {
    const rank = i + 1;
    const make = factories[kind][i];
    const title = `${kind === 'max' ? 'globalMaxPooling' : 'globalAveragePooling'}${rank}d`;
    runRefCase({ name: title, make: () => make({}), inputShape, weightShapes: [], forward: (x) => globalPool(x, kind) });
    runRefCase({
      name: `${title} keepdims`,
      make: () => make({ keepdims: true }),
      inputShape,
      weightShapes: [],
      forward: (x) => keepDims(globalPool(x, kind), rank, false),
    });
    const first = [inputShape[0], inputShape[inputShape.length - 1], ...inputShape.slice(1, -1)];
    runRefCase({
      name: `${title} channels-first keepdims`,
      make: () => make({ dataFormat: 'channelsFirst', keepdims: true }),
      inputShape: first,
      weightShapes: [],
      forward: (x) => keepDims(globalPool(permuteChannels(x, false), kind), rank, true),
    });
  });
}

describe('GlobalAveragePooling1D with a mask', () => {
  // Steps [1, 2], [3, 4], [5, 6] with the last one masked: mean of the first two = [2, 3].
  const values = [1, 2, 3, 4, 5, 6];

  it('leaves masked steps out of the mean', () => {
    const layer = st.layers.globalAveragePooling1d();
    const x = st.tf.tensor3d(values, [1, 3, 2]);
    const mask = st.tf.tensor2d([[true, true, false]], [1, 3], 'bool');
    const y = layer.apply(x, { mask });
    expect(Array.from(y.dataSync())).toEqual([2, 3]);
    expect(layer.computeMask(x, mask)).toBeNull();
    st.tf.dispose([x, mask, y]);
  });

  it('does the same channels-first, with keepdims', () => {
    const layer = st.layers.globalAveragePooling1d({ dataFormat: 'channelsFirst', keepdims: true });
    const x = st.tf.tensor3d([1, 3, 5, 2, 4, 6], [1, 2, 3]); // [batch, channels, steps]
    const mask = st.tf.tensor2d([[true, true, false]], [1, 3], 'bool');
    const y = layer.apply(x, { mask });
    expect(y.shape).toEqual([1, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([2, 3]);
    st.tf.dispose([x, mask, y]);
  });

  it('takes the mask from a Masking layer in a model', () => {
    const model = st.sequential({
      layers: [st.layers.masking({ maskValue: 0, inputShape: [3, 2] }), st.layers.globalAveragePooling1d()],
    });
    const x = st.tf.tensor3d([1, 2, 3, 4, 0, 0], [1, 3, 2]);
    const y = model.predict(x) as st.Tensor;
    expect(Array.from(y.dataSync())).toEqual([2, 3]);
    st.tf.dispose([x, y]);
    model.dispose();
  });
});

describe('Global pooling config and errors', () => {
  it('stores dataFormat and keepdims in Keras spelling', () => {
    expect(st.layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }).getConfig()).toMatchObject({ dataFormat: 'channels_first', keepdims: false });
  });

  it('rejects a non-boolean keepdims and an input of the wrong rank', () => {
    expect(() => st.layers.globalAveragePooling2d({ keepdims: 1 as unknown as boolean })).toThrow(/keepdims must be true or false, found 1/);
    expect(() => st.layers.globalMaxPooling3d().apply(st.input({ shape: [4, 4, 2] }))).toThrow(/expected rank 5, found rank 4/);
  });

  it('has the tfjs-layers aliases', () => {
    expect(st.layers.globalMaxPool1d()).toBeInstanceOf(st.layers.GlobalMaxPooling1D);
    expect(st.layers.globalMaxPool2d()).toBeInstanceOf(st.layers.GlobalMaxPooling2D);
  });
});
