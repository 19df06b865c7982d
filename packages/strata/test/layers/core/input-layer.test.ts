import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

// An InputLayer is the identity on concrete tensors; it cannot follow another layer in a
// Sequential model (it *is* the model's input), so the model-level checks do not apply.
runLayerTest({
  name: 'inputLayer',
  make: () => st.layers.inputLayer({ inputShape: [4] }),
  inputShape: [2, 4],
  expectedOutputShape: [2, 4],
  sequential: false,
  expectedOutput: { input: [[1, 2, 3, 4], [5, 6, 7, 8]], output: [[1, 2, 3, 4], [5, 6, 7, 8]] },
});

describe('InputLayer', () => {
  it('produces a symbolic tensor with an unknown batch size', () => {
    const layer = st.layers.inputLayer({ inputShape: [28, 28] });
    expect(layer.output).toBeInstanceOf(st.SymbolicTensor);
    expect(layer.output.shape).toEqual([null, 28, 28]);
    expect(layer.output.sourceLayer).toBe(layer);
    expect(layer.built).toBe(true);
    expect(layer.weights).toEqual([]);
  });

  it('takes a batch size or a full batch shape', () => {
    expect(st.layers.inputLayer({ inputShape: [3], batchSize: 8 }).output.shape).toEqual([8, 3]);
    expect(st.layers.inputLayer({ batchInputShape: [null, 5, 2] }).output.shape).toEqual([null, 5, 2]);
  });

  it('needs a shape', () => {
    expect(() => st.layers.inputLayer({})).toThrow(st.ValueError);
    expect(() => st.layers.inputLayer({})).toThrow(/needs inputShape .* or batchInputShape/);
  });

  it('is not trainable and round-trips its config', () => {
    const layer = st.layers.inputLayer({ inputShape: [3], name: 'in' });
    expect(layer.trainable).toBe(false);
    const copy = st.deserialize<st.Layer>(st.serialize(layer), 'layer');
    expect(copy.getConfig()).toEqual({ name: 'in', trainable: false, dtype: 'float32', batchInputShape: [null, 3], sparse: false });
  });

  it('starts a Sequential model that the next layer builds on', () => {
    const model = st.sequential({ layers: [st.layers.inputLayer({ inputShape: [3] }), st.layers.dense({ units: 2 })] });
    expect(model.outputShape).toEqual([null, 2]);
    const x = tf.ones([4, 3]);
    const y = model.predict(x);
    expect(y.shape).toEqual([4, 2]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
