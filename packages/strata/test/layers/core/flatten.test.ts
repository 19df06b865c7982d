import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

// One sample of shape [C=2, L=3] in channels-first layout: channel 0 = [1, 2, 3], channel 1 = [4, 5, 6].
const SAMPLE = [
  [1, 2, 3],
  [4, 5, 6],
];

runLayerTest({
  name: 'flatten rank 3, channels last (row-major order)',
  make: () => st.layers.flatten(),
  inputShape: [1, 2, 3],
  expectedOutputShape: [1, 6],
  expectedOutput: { input: [SAMPLE], output: [[1, 2, 3, 4, 5, 6]] },
});

runLayerTest({
  name: 'flatten rank 3, channels first (channels moved last, as Keras)',
  make: () => st.layers.flatten({ dataFormat: 'channelsFirst' }),
  inputShape: [1, 2, 3],
  expectedOutputShape: [1, 6],
  // Channels last: [[1, 4], [2, 5], [3, 6]] flattened.
  expectedOutput: { input: [SAMPLE], output: [[1, 4, 2, 5, 3, 6]] },
});

runLayerTest({
  name: 'flatten rank 4, channels first (Keras spelling)',
  make: () => st.layers.flatten({ dataFormat: 'channels_first' }),
  inputShape: [2, 2, 2, 3],
  expectedOutputShape: [2, 12],
  // Element [b, c, h, w] goes to position (h * 3 + w) * 2 + c; value = b*100 + c*10 + h*3 + w.
  expectedOutput: {
    input: [0, 1].map((b) => [0, 1].map((c) => [0, 1].map((h) => [0, 1, 2].map((w) => b * 100 + c * 10 + h * 3 + w)))),
    output: [0, 1].map((b) => Array.from({ length: 12 }, (_, p) => b * 100 + (p % 2) * 10 + Math.floor(p / 2))),
  },
});

runLayerTest({
  name: 'flatten rank 4, channels last',
  make: () => st.layers.flatten(),
  inputShape: [2, 3, 2, 2],
  expectedOutputShape: [2, 12],
});

runLayerTest({
  name: 'flatten of a rank-2 input is the identity',
  make: () => st.layers.flatten(),
  inputShape: [3, 4],
  expectedOutputShape: [3, 4],
});

runLayerTest({
  name: 'flatten of a rank-1 input gives [batch, 1]',
  make: () => st.layers.flatten(),
  inputShape: [3],
  expectedOutputShape: [3, 1],
  expectedOutput: { input: [1, 2, 3], output: [[1], [2], [3]] },
});

describe('Flatten', () => {
  it('rejects an unknown dataFormat', () => {
    expect(() => st.layers.flatten({ dataFormat: 'channels_middle' as 'channelsLast' })).toThrow(
      /dataFormat must be 'channelsLast' or 'channelsFirst', found 'channels_middle'/,
    );
  });

  it('writes the data format in Keras spelling', () => {
    expect(st.layers.flatten({ dataFormat: 'channelsFirst' }).getConfig().dataFormat).toBe('channels_first');
    expect(st.layers.flatten().getConfig().dataFormat).toBe('channels_last');
  });

  it('infers an unknown size when a non-batch axis is unknown', () => {
    const input = st.layers.inputLayer({ batchInputShape: [null, null, 3] });
    expect(st.layers.flatten().apply(input.output).shape).toEqual([null, null]);
  });

  it('keeps the batch axis of a batch of one', () => {
    const x = tf.ones([1, 2, 2]);
    const y = st.layers.flatten().apply(x);
    expect(y.shape).toEqual([1, 4]);
    tf.dispose([x, y]);
  });
});
