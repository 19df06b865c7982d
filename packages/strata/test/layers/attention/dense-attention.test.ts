// Attention (Luong) and AdditiveAttention (Bahdanau): every shared check, values worked from
// the Keras 3 equations in plain JS, masks (value, query, causal), returned scores, errors.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { assertAllClose, randomValues, runLayerTest, valuesOf, withTempDir } from '@strata/testing';
import { runMultiInputLayerTest } from '../merging/multi-input-harness.js';
import { denseAttention, dot, nest3, type DenseAttentionCase } from './reference.js';

const { tf } = st;

const Q = Array.from(randomValues(2 * 2 * 3, 101));
const V = Array.from(randomValues(2 * 3 * 3, 102));
const K = Array.from(randomValues(2 * 3 * 3, 103));
const q3 = nest3(Q, [2, 2, 3]);
const v3 = nest3(V, [2, 3, 3]);
const k3 = nest3(K, [2, 3, 3]);
const flat = (t: number[][][]) => t.flat(2);
const outputOf = (c: Omit<DenseAttentionCase, 'query' | 'value'> & { key?: number[][][] }) => flat(denseAttention({ query: q3, value: v3, ...c }).output);
const sumTanh = (q: number[], k: number[], scale: (d: number) => number) => q.reduce((s, x, d) => s + scale(d) * Math.tanh(x + k[d]), 0);

const shapes2 = [[2, 2, 3], [2, 3, 3]];
const shapes3 = [[2, 2, 3], [2, 3, 3], [2, 3, 3]];

runMultiInputLayerTest({
  name: 'attention dot [query, value]',
  make: () => st.layers.attention(),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  expectedOutput: { inputs: [Q, V], output: outputOf({ score: dot }) },
});

runMultiInputLayerTest({
  name: 'attention dot [query, value, key]',
  make: () => st.layers.attention(),
  inputShapes: shapes3,
  expectedOutputShape: [2, 2, 3],
  expectedOutput: { inputs: [Q, V, K], output: outputOf({ key: k3, score: dot }) },
});

runMultiInputLayerTest({
  name: 'attention dot useScale',
  make: () => st.layers.attention({ useScale: true }),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[]],
  expectedOutput: { inputs: [Q, V], weights: [0.7], output: outputOf({ score: (q, k) => 0.7 * dot(q, k) }) },
});

runMultiInputLayerTest({
  name: 'attention concat with scale',
  make: () => st.layers.attention({ scoreMode: 'concat', useScale: true }),
  inputShapes: shapes3,
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[], []],
  // Keras 3: concat_score_weight · Σ_d tanh(scale · (q_d + k_d)).
  expectedOutput: { inputs: [Q, V, K], weights: [0.8, 1.3], output: outputOf({ key: k3, score: (q, k) => 1.3 * q.reduce((s, x, d) => s + Math.tanh(0.8 * (x + k[d])), 0) }) },
});

runMultiInputLayerTest({
  name: 'attention concat without scale',
  make: () => st.layers.attention({ scoreMode: 'concat' }),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[]],
  expectedOutput: { inputs: [Q, V], weights: [1.3], output: outputOf({ score: (q, k) => 1.3 * sumTanh(q, k, () => 1) }) },
});

runMultiInputLayerTest({
  name: 'attention useCausalMask (Tq 2, Tv 3: step t sees steps s <= t)',
  make: () => st.layers.attention({ useCausalMask: true }),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  expectedOutput: { inputs: [Q, V], output: outputOf({ score: dot, mask: (_b, t, s) => s <= t }) },
});

runMultiInputLayerTest({
  name: 'attention dropout 0.4',
  make: () => st.layers.attention({ dropout: 0.4 }),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  stochastic: true,
});

runMultiInputLayerTest({
  name: 'additiveAttention (per-feature scale)',
  make: () => st.layers.additiveAttention(),
  inputShapes: shapes3,
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[3]],
  expectedOutput: { inputs: [Q, V, K], weights: [[0.5, -1.2, 2]], output: outputOf({ key: k3, score: (q, k) => sumTanh(q, k, (d) => [0.5, -1.2, 2][d]) }) },
});

runMultiInputLayerTest({
  name: 'additiveAttention useScale false',
  make: () => st.layers.additiveAttention({ useScale: false }),
  inputShapes: shapes2,
  expectedOutputShape: [2, 2, 3],
  expectedOutput: { inputs: [Q, V], output: outputOf({ score: (q, k) => sumTanh(q, k, () => 1) }) },
});

// A single tensor is self-attention, so the one-input harness (Sequential models) applies too.
runLayerTest({
  name: 'attention self-attention (one input)',
  make: () => st.layers.attention({ useScale: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 4],
  expectedWeightShapes: [[]],
});

runLayerTest({
  name: 'additiveAttention self-attention, causal (one input)',
  make: () => st.layers.additiveAttention({ useCausalMask: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 4],
  expectedWeightShapes: [[4]],
});

describe('dense attention: masks and scores', () => {
  it('attend() applies the value and query masks and returns the weights', () => {
    const layer = st.layers.attention();
    const [q, v] = [tf.tensor(Q, [2, 2, 3]), tf.tensor(V, [2, 3, 3])];
    const valueMask = tf.tensor2d([[1, 0, 1], [1, 1, 0]], [2, 3], 'bool');
    const queryMask = tf.tensor2d([[1, 1], [0, 1]], [2, 2], 'bool');
    const before = tf.memory().numTensors;
    const { output, scores } = layer.attend({ query: q, value: v, valueMask, queryMask });
    expect(tf.memory().numTensors).toBe(before + 2);
    const vm = [[1, 0, 1], [1, 1, 0]];
    const qm = [[1, 1], [0, 1]];
    const expected = denseAttention({ query: q3, value: v3, score: dot, mask: (b, _t, s) => vm[b][s] === 1, queryMask: (b, t) => qm[b][t] === 1 });
    assertAllClose(valuesOf(output), flat(expected.output), 'masked output', { atol: 1e-5 });
    assertAllClose(valuesOf(scores), flat(expected.weights), 'attention weights', { atol: 1e-5 });
    expect(valuesOf(scores)[1]).toBeLessThan(1e-6); // a masked value position gets no weight
    tf.dispose([q, v, valueMask, queryMask, output, scores]);
  });

  it('returnAttentionScores outputs [output, scores] in a model, and survives save/load', async () => {
    const query = st.input({ shape: [2, 3] });
    const value = st.input({ shape: [3, 3] });
    const outs = st.layers.attention({ returnAttentionScores: true }).apply([query, value]) as st.SymbolicTensor[];
    expect(outs.map((t) => t.shape)).toEqual([[null, 2, 3], [null, 2, 3]]);
    const model = st.model({ inputs: [query, value], outputs: outs });
    const xs = [tf.tensor(Q, [2, 2, 3]), tf.tensor(V, [2, 3, 3])];
    const [out, scores] = model.predict(xs) as st.Tensor[];
    const expected = denseAttention({ query: q3, value: v3, score: dot });
    assertAllClose(valuesOf(scores), flat(expected.weights), 'scores output', { atol: 1e-5 });
    await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      const loaded = await st.loadLayersModel(`file://${dir}`);
      const again = loaded.predict(xs) as st.Tensor[];
      assertAllClose(valuesOf(again[0]), valuesOf(out), 'output after load');
      tf.dispose(again);
      loaded.dispose();
    });
    tf.dispose([...xs, out, scores]);
    model.dispose();
  });

  it('self-attention takes the mask of Embedding(maskZero) as query and value mask', () => {
    const embedding = st.layers.embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputShape: [4] });
    const attention = st.layers.attention();
    const model = st.sequential({ layers: [embedding, attention] });
    const ids = tf.tensor2d([[2, 5, 0, 0], [1, 0, 3, 4]], undefined, 'int32');
    const y = model.predict(ids) as st.Tensor;
    const table = embedding.getWeights()[0].arraySync() as number[][];
    const idRows = ids.arraySync() as number[][];
    const x = idRows.map((row) => row.map((i) => table[i]));
    const expected = denseAttention({ query: x, value: x, score: dot, mask: (b, _t, s) => idRows[b][s] !== 0, queryMask: (b, t) => idRows[b][t] !== 0 });
    assertAllClose(valuesOf(y), flat(expected.output), 'masked self-attention', { atol: 1e-5 });
    tf.dispose([ids, y]);
    model.dispose();
  });

  it('Keras config keys only; Strata-only keys appear only when set', () => {
    const plain = st.layers.attention().getConfig();
    expect(plain).toMatchObject({ useScale: false, scoreMode: 'dot', dropout: 0 });
    expect(plain).not.toHaveProperty('useCausalMask');
    expect(plain).not.toHaveProperty('returnAttentionScores');
    expect(st.layers.additiveAttention().getConfig()).not.toHaveProperty('scoreMode');
  });
});

describe('dense attention: errors', () => {
  it('bad config fails at construction naming the argument', () => {
    expect(() => st.layers.attention({ scoreMode: 'add' as never })).toThrow(/scoreMode must be 'dot' or 'concat', found "add"/);
    expect(() => st.layers.attention({ dropout: 1 })).toThrow(/dropout must be a number in \[0, 1\), found 1/);
    expect(() => st.layers.additiveAttention({ seed: 1.5 })).toThrow(/seed must be an integer or null, found 1.5/);
  });

  it('bad inputs fail naming the shapes', () => {
    const i = (shape: number[]) => st.input({ shape });
    expect(() => st.layers.attention().apply([i([2, 3]), i([3, 4]), i([3, 4])])).toThrow(/query and key must have the same last axis, found query \[null, 2, 3\] and key \[null, 3, 4\]/);
    expect(() => st.layers.attention().apply([i([2, 3]), i([3, 3]), i([4, 3])])).toThrow(/key and value must have the same number of steps/);
    expect(() => st.layers.attention().apply([i([3]), i([3])])).toThrow(/the query must have rank 3 \(\[batch, steps, features\]\), found shape \[null, 3\]/);
    expect(() => st.layers.attention().apply([i([2, 3]), i([3, 3]), i([3, 3]), i([2, 3])])).toThrow(/expected a tensor \(self-attention\) or a list \[query, value\] or \[query, value, key\]; found a list of 4/);
  });
});
