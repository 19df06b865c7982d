import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

runLayerTest({
  name: 'reshape [12] -> [3, 4]',
  make: () => st.layers.reshape({ targetShape: [3, 4] }),
  inputShape: [2, 12],
  expectedOutputShape: [2, 3, 4],
  // Row-major: a sample's values keep their order.
  expectedOutput: {
    input: [range(12), range(12, 100)],
    output: [0, 100].map((o) => [0, 4, 8].map((r) => range(4, o + r))),
  },
});

runLayerTest({
  name: 'reshape with -1 inferred: [6] -> [-1, 2]',
  make: () => st.layers.reshape({ targetShape: [-1, 2] }),
  inputShape: [2, 6],
  expectedOutputShape: [2, 3, 2],
});

runLayerTest({
  name: 'reshape rank 3 -> [-1] (flatten)',
  make: () => st.layers.reshape({ targetShape: [-1] }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 12],
});

runLayerTest({
  name: 'reshape [2, 3] -> [3, -1]',
  make: () => st.layers.reshape({ targetShape: [3, -1] }),
  inputShape: [2, 2, 3],
  expectedOutputShape: [2, 3, 2],
});

describe('Reshape errors', () => {
  it('rejects a zero, a fraction, two -1 entries and a non-array', () => {
    expect(() => st.layers.reshape({ targetShape: [0] })).toThrow(st.ValueError);
    expect(() => st.layers.reshape({ targetShape: [0] })).toThrow(/targetShape must be positive integers with at most one -1, found \[0\]/);
    expect(() => st.layers.reshape({ targetShape: [2.5, 2] })).toThrow(/found \[2.5,2\]/);
    expect(() => st.layers.reshape({ targetShape: [-1, -1] })).toThrow(/at most one -1/);
    expect(() => st.layers.reshape({ targetShape: [-2] })).toThrow(/found \[-2\]/);
    expect(() => st.layers.reshape({ targetShape: 4 as unknown as number[] })).toThrow(/found 4/);
  });

  it('rejects an input whose size does not fit, naming both shapes', () => {
    const layer = st.layers.reshape({ targetShape: [3, 4] });
    const x = tf.zeros([2, 10]);
    expect(() => layer.apply(x)).toThrow(st.ValueError);
    expect(() => layer.apply(x)).toThrow(/cannot reshape a sample of shape \[10\] \(10 values\) to \[3, 4\]/);
    const y = tf.zeros([2, 7]);
    expect(() => st.layers.reshape({ targetShape: [-1, 2] }).apply(y)).toThrow(/\[7\] \(7 values\) to \[-1, 2\]/);
    tf.dispose([x, y]);
  });

  it('rejects a symbolic input whose size does not fit', () => {
    const input = st.layers.inputLayer({ batchInputShape: [null, 5] });
    expect(() => st.layers.reshape({ targetShape: [2, 2] }).apply(input.output)).toThrow(/\[5\] \(5 values\) to \[2, 2\]/);
  });
});

describe('Reshape shape inference', () => {
  it('leaves -1 unknown when the input has an unknown axis', () => {
    const input = st.layers.inputLayer({ batchInputShape: [null, null, 4] });
    expect(st.layers.reshape({ targetShape: [-1, 2] }).apply(input.output).shape).toEqual([null, null, 2]);
  });
});
