// Masking: timesteps whose features all equal maskValue are zeroed and masked out.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, runLayerTest, valuesOf } from '@strata/testing';

const { tf } = st;

runLayerTest({
  name: 'masking default maskValue 0',
  make: () => st.layers.masking(),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 2],
  expectedOutput: {
    // Step (0, 0) is all zeros, (1, 2) is all zeros; (0, 1) has one zero only and is kept.
    input: [[[0, 0], [0, 5], [1, 2]], [[3, 4], [7, 8], [0, 0]]],
    output: [[[0, 0], [0, 5], [1, 2]], [[3, 4], [7, 8], [0, 0]]],
  },
});

runLayerTest({
  name: 'masking maskValue -1',
  make: () => st.layers.masking({ maskValue: -1 }),
  inputShape: [1, 3, 2],
  expectedOutputShape: [1, 3, 2],
  expectedOutput: { input: [[[-1, -1], [-1, 2], [0.5, -1]]], output: [[[0, 0], [-1, 2], [0.5, -1]]] },
});

describe('Masking', () => {
  it('computes the per-timestep mask and passes it through Sequential', () => {
    const x = tf.tensor3d([[[-1, -1], [-1, 2], [0.5, -1]]]);
    const layer = st.layers.masking({ maskValue: -1 });
    const mask = layer.computeMask(x, null);
    expect(mask.arraySync()).toEqual([[0, 1, 1]]);
    tf.dispose([x, mask]);
  });

  it('agrees with tfjs-layers', () => {
    const x = tf.tensor3d([[[0, 0], [0, 5]], [[2, 0], [0, 0]]]);
    const a = st.layers.masking().apply(x);
    const b = tfl.layers.masking().apply(x) as st.Tensor;
    assertAllClose(valuesOf(a), valuesOf(b), 'masking');
    tf.dispose([x, a, b]);
  });

  it('rejects a maskValue that is not a number', () => {
    expect(() => st.layers.masking({ maskValue: 'zero' as never })).toThrow(/maskValue must be a number, found "zero"/);
    expect(() => st.layers.masking({ maskValue: Number.NaN })).toThrow(st.ValueError);
  });
});
