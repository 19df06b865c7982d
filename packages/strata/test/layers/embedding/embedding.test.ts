// Embedding: every harness check, a hand-worked lookup, masks with maskZero, the gradient of
// the table (a segment sum by id), parity with tfjs-layers 4.22, and construction errors.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, runLayerTest, valuesOf } from '@strata/testing';
import { strataLoadsTfjs, tfjsLoadsStrata } from '../merging/tfjs-interop.js';

const { tf } = st;

const TABLE = [
  [0.1, -0.2],
  [0.3, 0.4],
  [-0.5, 0.6],
  [0.7, -0.8],
  [0.9, 1.0],
];

runLayerTest({
  name: 'embedding 5 -> 2',
  make: () => st.layers.embedding({ inputDim: 5, outputDim: 2 }),
  inputShape: [2, 3],
  // Float ids in [0, 5) are truncated to 0..4, as Keras and tfjs-layers cast them.
  inputRange: [0, 5],
  expectedOutputShape: [2, 3, 2],
  expectedWeightShapes: [[5, 2]],
  expectedOutput: {
    input: [[4, 0, 2], [1, 1, 3]],
    weights: [TABLE],
    output: [[TABLE[4], TABLE[0], TABLE[2]], [TABLE[1], TABLE[1], TABLE[3]]],
  },
});

runLayerTest({
  name: 'embedding on rank-3 ids, maskZero',
  make: () => st.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, embeddingsInitializer: 'glorotUniform' }),
  inputShape: [2, 2, 2],
  inputRange: [0, 5],
  seed: 4,
  expectedOutputShape: [2, 2, 2, 2],
  expectedWeightShapes: [[5, 2]],
  expectedOutput: { input: [3.9, 0, 1.2, 2, 4, 4, 0.5, 3], weights: [TABLE], output: [3, 0, 1, 2, 4, 4, 0, 3].flatMap((i) => TABLE[i]) },
});

describe('Embedding', () => {
  it('computeMask is ids != 0 with maskZero, null without', () => {
    const ids = tf.tensor2d([[0, 3, 0], [2, 0, 1]], undefined, 'int32');
    const masked = st.layers.embedding({ inputDim: 4, outputDim: 2, maskZero: true });
    const mask = masked.computeMask(ids, null)!;
    expect(mask.dtype).toBe('bool');
    expect(mask.arraySync()).toEqual([[0, 1, 0], [1, 0, 1]]); // tfjs reads bool tensors back as 0/1
    expect(st.layers.embedding({ inputDim: 4, outputDim: 2 }).computeMask(ids, null)).toBeNull();
    tf.dispose([ids, mask]);
  });

  it('int32 ids: the table gradient adds the output gradient of every occurrence of an id', () => {
    const layer = st.layers.embedding({ inputDim: 4, outputDim: 2 });
    const ids = tf.tensor2d([[1, 3, 1]], undefined, 'int32');
    layer.apply(ids).dispose();
    const r = tf.tensor3d([[[1, 2], [3, 4], [5, 6]]]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(ids), r)) as st.tf.Scalar, [layer.weights[0].variable]);
    // Row 1 appears at positions 0 and 2: (1,2) + (5,6); row 3 at position 1; rows 0 and 2 never.
    expect(grads[layer.weights[0].variable.name].arraySync()).toEqual([[0, 0], [6, 8], [0, 0], [3, 4]]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids, r]);
    layer.dispose();
  });

  it('masks flow from Embedding(maskZero) through a Sequential model', () => {
    const embedding = st.layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] });
    const softmax = st.layers.softmax();
    const model = st.sequential({ layers: [embedding, softmax] });
    let seen: st.Tensor | null = null;
    const original = softmax.call.bind(softmax);
    softmax.call = (inputs, options) => {
      seen = options?.mask ? tf.keep(tf.clone(options.mask)) : null;
      return original(inputs, options);
    };
    const ids = tf.tensor2d([[1, 0, 4, 0]], undefined, 'int32');
    tf.dispose(model.predict(ids));
    expect(seen).not.toBeNull();
    expect((seen as unknown as st.Tensor).arraySync()).toEqual([[1, 0, 1, 0]]);
    tf.dispose([ids, seen as unknown as st.Tensor]);
    model.dispose();
  });

  it('agrees with tfjs-layers on the same table, and models round-trip between the two', async () => {
    const ids = tf.tensor2d([[4, 0, 2, 2], [1, 3, 3, 0]], undefined, 'int32');
    const ours = st.layers.embedding({ inputDim: 5, outputDim: 2 });
    const theirs = tfl.layers.embedding({ inputDim: 5, outputDim: 2 });
    ours.apply(ids).dispose();
    (theirs.apply(ids) as st.Tensor).dispose();
    const table = tf.tensor2d(TABLE);
    ours.setWeights([table]);
    theirs.setWeights([table]);
    const a = ours.apply(ids);
    const b = theirs.apply(ids) as st.Tensor;
    assertAllClose(valuesOf(a), valuesOf(b), 'embedding lookup', { rtol: 1e-4 });
    tf.dispose([a, b, table]);

    const model = st.sequential({ layers: [st.layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 4 }), st.layers.flatten(), st.layers.dense({ units: 2 })] });
    expect(await tfjsLoadsStrata(model, ids)).toEqual(['Embedding', 'Flatten', 'Dense']);
    const tflModel = tfl.sequential({ layers: [tfl.layers.embedding({ inputDim: 5, outputDim: 3, inputLength: 4 }), tfl.layers.flatten()] });
    expect(await strataLoadsTfjs(tflModel, ids)).toEqual(['Embedding', 'Flatten']);
    ids.dispose();
    model.dispose();
    tflModel.dispose();
  });

  it('inputLength sets the input shape and is written to the config', () => {
    const layer = st.layers.embedding({ inputDim: 3, outputDim: 2, inputLength: 7 });
    expect(layer.batchInputShape).toEqual([null, 7]);
    expect(layer.getConfig().inputLength).toBe(7);
    expect(st.layers.embedding({ inputDim: 3, outputDim: 2 }).getConfig()).not.toHaveProperty('inputLength');
  });

  it('bad config fails at construction naming the argument', () => {
    expect(() => st.layers.embedding({ inputDim: 0, outputDim: 2 })).toThrow(/inputDim must be a positive integer, found 0/);
    expect(() => st.layers.embedding({ inputDim: 3, outputDim: 2.5 })).toThrow(/outputDim must be a positive integer, found 2.5/);
    expect(() => st.layers.embedding({ inputDim: 3, outputDim: 2, embeddingsInitializer: 'nope' })).toThrow(/Unknown initializer 'nope'/);
  });
});
