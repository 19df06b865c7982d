// MultiHeadAttention: every shared check, values worked from the Keras 3 equations in plain JS
// (tfjs-layers does not export the layer), masks from every source, attention axes of rank-4
// inputs, returned scores, Keras weight names and shapes, and errors.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { assertAllClose, randomValues, runLayerTest, valuesOf, withTempDir } from '@strata/testing';
import { runMultiInputLayerTest } from '../merging/multi-input-harness.js';
import { multiHeadAttention, nest3, type MhaWeights, type T3 } from './reference.js';

const { tf } = st;

const values = (n: number, seed: number) => Array.from(randomValues(n, seed));
const Q = values(2 * 2 * 3, 201); // [2, 2, 3]
const V = values(2 * 3 * 4, 202); // [2, 3, 4]
const K = values(2 * 3 * 2, 203); // [2, 3, 2]

/** Seeded weights for heads N, head sizes H / Hv, input dims and output size E (Keras layout, flat). */
function weights(N: number, H: number, Hv: number, dq: number, dk: number, dv: number, E: number, bias = true): { list: number[][]; w: MhaWeights } {
  const w: MhaWeights = {
    wq: values(dq * N * H, 1), bq: bias ? values(N * H, 2) : null,
    wk: values(dk * N * H, 3), bk: bias ? values(N * H, 4) : null,
    wv: values(dv * N * Hv, 5), bv: bias ? values(N * Hv, 6) : null,
    wo: values(N * Hv * E, 7), bo: bias ? values(E, 8) : null,
  };
  const list = [w.wq, w.bq, w.wk, w.bk, w.wv, w.bv, w.wo, w.bo].filter((x): x is number[] => x !== null);
  return { list, w };
}
const flat = (t: T3) => t.flat(2);

// [query, value]: key = value; query dim 3, value dim 4, 2 heads of size 2.
const w1 = weights(2, 2, 2, 3, 4, 4, 3);
runMultiInputLayerTest({
  name: 'multiHeadAttention [query, value]',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 }),
  inputShapes: [[2, 2, 3], [2, 3, 4]],
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 3], [3]],
  expectedOutput: {
    inputs: [Q, V],
    weights: w1.list,
    output: flat(multiHeadAttention(nest3(Q, [2, 2, 3]), nest3(V, [2, 3, 4]), nest3(V, [2, 3, 4]), w1.w, 2, 2, 2, 3).output),
  },
});

// [query, value, key], valueDim 3, outputShape 5.
const w2 = weights(2, 2, 3, 3, 2, 4, 5);
runMultiInputLayerTest({
  name: 'multiHeadAttention [query, value, key], valueDim 3, outputShape 5',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, valueDim: 3, outputShape: 5 }),
  inputShapes: [[2, 2, 3], [2, 3, 4], [2, 3, 2]],
  expectedOutputShape: [2, 2, 5],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [2, 2, 2], [2, 2], [4, 2, 3], [2, 3], [2, 3, 5], [5]],
  expectedOutput: {
    inputs: [Q, V, K],
    weights: w2.list,
    output: flat(multiHeadAttention(nest3(Q, [2, 2, 3]), nest3(V, [2, 3, 4]), nest3(K, [2, 3, 2]), w2.w, 2, 2, 3, 5).output),
  },
});

const w3 = weights(3, 2, 2, 3, 4, 4, 3, false);
runMultiInputLayerTest({
  name: 'multiHeadAttention useBias false, 3 heads',
  make: () => st.layers.multiHeadAttention({ numHeads: 3, keyDim: 2, useBias: false }),
  inputShapes: [[2, 2, 3], [2, 3, 4]],
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[3, 3, 2], [4, 3, 2], [4, 3, 2], [3, 2, 3]],
  expectedOutput: {
    inputs: [Q, V],
    weights: w3.list,
    output: flat(multiHeadAttention(nest3(Q, [2, 2, 3]), nest3(V, [2, 3, 4]), nest3(V, [2, 3, 4]), w3.w, 3, 2, 2, 3).output),
  },
});

// The attention mask as a fourth input ([query, value, key, mask]); 0/1 floats, not differentiated.
const MASK = [1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1]; // [2, 2, 3]
const maskOf = (b: number, t: number, s: number) => MASK[b * 6 + t * 3 + s] === 1;
runMultiInputLayerTest({
  name: 'multiHeadAttention with an attention-mask input',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 }),
  inputShapes: [[2, 2, 3], [2, 3, 4], [2, 3, 4], [2, 2, 3]],
  fixedInputs: { 3: (batch) => Array.from({ length: batch * 6 }, (_, i) => MASK[i % 12]) },
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 3], [3]],
  expectedOutput: {
    inputs: [Q, V, V, MASK],
    weights: w1.list,
    output: flat(multiHeadAttention(nest3(Q, [2, 2, 3]), nest3(V, [2, 3, 4]), nest3(V, [2, 3, 4]), w1.w, 2, 2, 2, 3, maskOf).output),
  },
});

// Causal self-attention on [query, value] of equal length.
const Qc = values(2 * 3 * 3, 204);
const wc = weights(2, 2, 2, 3, 3, 3, 3);
runMultiInputLayerTest({
  name: 'multiHeadAttention useCausalMask',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, useCausalMask: true }),
  inputShapes: [[2, 3, 3], [2, 3, 3]],
  expectedOutputShape: [2, 3, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
  expectedOutput: {
    inputs: [Qc, Qc],
    weights: wc.list,
    output: flat(multiHeadAttention(nest3(Qc, [2, 3, 3]), nest3(Qc, [2, 3, 3]), nest3(Qc, [2, 3, 3]), wc.w, 2, 2, 2, 3, (_b, t, s) => s <= t).output),
  },
});

runMultiInputLayerTest({
  name: 'multiHeadAttention dropout 0.3',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.3 }),
  inputShapes: [[2, 2, 3], [2, 3, 4]],
  expectedOutputShape: [2, 2, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 3], [3]],
  stochastic: true,
});

// Rank-4 inputs [B, X, T, dim]. Attention over axis 2 only: each (b, x) slice attends within
// itself, so the reference runs the rank-3 formula on the B·X slices.
const Q4 = values(2 * 2 * 3 * 3, 205);
const V4 = values(2 * 2 * 3 * 3, 206);
const w4 = weights(2, 2, 2, 3, 3, 3, 3);
runMultiInputLayerTest({
  name: 'multiHeadAttention rank 4, attentionAxes [2]',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [2] }),
  inputShapes: [[2, 2, 3, 3], [2, 2, 3, 3]],
  expectedOutputShape: [2, 2, 3, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
  expectedOutput: {
    inputs: [Q4, V4],
    weights: w4.list,
    output: flat(multiHeadAttention(nest3(Q4, [4, 3, 3]), nest3(V4, [4, 3, 3]), nest3(V4, [4, 3, 3]), w4.w, 2, 2, 2, 3).output),
  },
});

// Default axes of a rank-4 input: attention over axes 1 and 2 together, i.e. over the X·T
// positions of each sample, as one sequence of length 6.
runMultiInputLayerTest({
  name: 'multiHeadAttention rank 4, default attention axes (1 and 2)',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 }),
  inputShapes: [[2, 2, 3, 3], [2, 2, 3, 3]],
  expectedOutputShape: [2, 2, 3, 3],
  expectedWeightShapes: [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
  expectedOutput: {
    inputs: [Q4, V4],
    weights: w4.list,
    output: flat(multiHeadAttention(nest3(Q4, [2, 6, 3]), nest3(V4, [2, 6, 3]), nest3(V4, [2, 6, 3]), w4.w, 2, 2, 2, 3).output),
  },
});

// A single tensor is self-attention: the one-input harness runs it inside Sequential models.
runLayerTest({
  name: 'multiHeadAttention self-attention (one input)',
  make: () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 3 }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 4],
  expectedWeightShapes: [[4, 2, 3], [2, 3], [4, 2, 3], [2, 3], [4, 2, 3], [2, 3], [2, 3, 4], [4]],
});

describe('MultiHeadAttention: scores, masks, names', () => {
  it('weights are named and ordered as Keras: query, key, value, attention_output', () => {
    const layer = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'mha' });
    const [q, v] = [tf.tensor(Q, [2, 2, 3]), tf.tensor(V, [2, 3, 4])];
    tf.dispose(layer.apply([q, v]));
    expect(layer.weights.map((w) => w.name)).toEqual(
      ['query', 'key', 'value', 'attention_output'].flatMap((n) => [`mha/${n}/kernel`, `mha/${n}/bias`]),
    );
    tf.dispose([q, v]);
    layer.dispose();
  });

  it('attend() combines attention, query, value and key masks and returns scores [B, N, Tq, Tv]', () => {
    const layer = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    const [q, v] = [tf.tensor(Q, [2, 2, 3]), tf.tensor(V, [2, 3, 4])];
    tf.dispose(layer.apply([q, v]));
    const given = w1.list.map((x, i) => tf.tensor(x, layer.weights[i].shape));
    layer.setWeights(given);
    const attentionMask = tf.tensor(MASK, [2, 2, 3]);
    const valueMask = tf.tensor2d([[1, 1, 0], [1, 1, 1]], [2, 3], 'bool');
    const queryMask = tf.tensor2d([[1, 1], [1, 0]], [2, 2], 'bool');
    const before = tf.memory().numTensors;
    const { output, scores } = layer.attend({ query: q, value: v, attentionMask, valueMask, queryMask });
    expect(tf.memory().numTensors).toBe(before + 2);
    const vm = [[1, 1, 0], [1, 1, 1]];
    const qm = [[1, 1], [1, 0]];
    const expected = multiHeadAttention(nest3(Q, [2, 2, 3]), nest3(V, [2, 3, 4]), nest3(V, [2, 3, 4]), w1.w, 2, 2, 2, 3, (b, t, s) => maskOf(b, t, s) && vm[b][s] === 1 && qm[b][t] === 1);
    expect(scores.shape).toEqual([2, 2, 2, 3]);
    assertAllClose(valuesOf(output), flat(expected.output), 'output', { atol: 1e-5 });
    assertAllClose(valuesOf(scores), expected.scores.flat(3), 'scores', { atol: 1e-5 });
    tf.dispose([q, v, attentionMask, valueMask, queryMask, output, scores, ...given]);
    layer.dispose();
  });

  it('returnAttentionScores gives [output, scores] in a functional model, through save/load', async () => {
    const query = st.input({ shape: [2, 3] });
    const value = st.input({ shape: [3, 4] });
    const outs = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, returnAttentionScores: true }).apply([query, value]) as st.SymbolicTensor[];
    expect(outs.map((t) => t.shape)).toEqual([[null, 2, 3], [null, 2, 2, 3]]);
    const model = st.model({ inputs: [query, value], outputs: outs });
    const xs = [tf.tensor(Q, [2, 2, 3]), tf.tensor(V, [2, 3, 4])];
    const [out, scores] = model.predict(xs) as st.Tensor[];
    expect(scores.shape).toEqual([2, 2, 2, 3]);
    // Each row of scores is a softmax: it sums to 1.
    const rows = scores.arraySync() as number[][][][];
    for (const row of rows.flat(2)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      const loaded = await st.loadLayersModel(`file://${dir}`);
      const again = loaded.predict(xs) as st.Tensor[];
      assertAllClose(valuesOf(again[0]), valuesOf(out), 'output after load');
      assertAllClose(valuesOf(again[1]), valuesOf(scores), 'scores after load');
      tf.dispose(again);
      loaded.dispose();
    });
    tf.dispose([...xs, out, scores]);
    model.dispose();
  });

  it('rank-4 scores follow Keras: [B, X, N, T, S] for attentionAxes [2]', () => {
    const layer = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: 2, returnAttentionScores: true });
    const out = layer.apply([st.input({ shape: [5, 3, 4] }), st.input({ shape: [5, 7, 4] })]) as st.SymbolicTensor[];
    expect(out.map((t) => t.shape)).toEqual([[null, 5, 3, 4], [null, 5, 2, 3, 7]]);
    const x = tf.zeros([1, 5, 3, 4]);
    const y = tf.zeros([1, 5, 7, 4]);
    const concrete = layer.apply([x, y]) as st.Tensor[];
    expect(concrete.map((t) => t.shape)).toEqual([[1, 5, 3, 4], [1, 5, 2, 3, 7]]);
    tf.dispose([x, y, ...concrete]);
  });

  it('self-attention in a Sequential model takes the mask of Embedding(maskZero)', () => {
    const embedding = st.layers.embedding({ inputDim: 6, outputDim: 4, maskZero: true, inputShape: [3] });
    const mha = st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    const model = st.sequential({ layers: [embedding, mha] });
    const ids = tf.tensor2d([[2, 5, 0], [0, 1, 3]], undefined, 'int32');
    const y = model.predict(ids) as st.Tensor;
    const table = embedding.getWeights()[0].arraySync() as number[][];
    const idRows = ids.arraySync() as number[][];
    const x = idRows.map((row) => row.map((i) => table[i]));
    const ws = mha.getWeights().map((t) => valuesOf(t));
    const w: MhaWeights = { wq: ws[0], bq: ws[1], wk: ws[2], bk: ws[3], wv: ws[4], bv: ws[5], wo: ws[6], bo: ws[7] };
    // Keras: query mask [B, T, 1] AND value mask [B, 1, S].
    const expected = multiHeadAttention(x, x, x, w, 2, 2, 2, 4, (b, t, s) => idRows[b][t] !== 0 && idRows[b][s] !== 0);
    assertAllClose(valuesOf(y), flat(expected.output), 'masked self-attention', { atol: 1e-5 });
    tf.dispose([ids, y]);
    model.dispose();
  });

  it('the config holds the Keras keys; Strata-only keys only when set', () => {
    const config = st.layers.multiHeadAttention({ numHeads: 4, keyDim: 8, attentionAxes: -2 }).getConfig();
    expect(config).toMatchObject({ numHeads: 4, keyDim: 8, valueDim: 8, dropout: 0, useBias: true, outputShape: null, attentionAxes: [-2], seed: null });
    expect(config).not.toHaveProperty('useCausalMask');
    expect(st.layers.multiHeadAttention({ numHeads: 1, keyDim: 1, useCausalMask: true }).getConfig().useCausalMask).toBe(true);
  });
});

describe('MultiHeadAttention: errors', () => {
  const make = (args: Partial<st.layers.MultiHeadAttentionArgs>) => () => st.layers.multiHeadAttention({ numHeads: 2, keyDim: 2, ...args });
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['numHeads 0', make({ numHeads: 0 }), /numHeads must be a positive integer, found 0/],
    ['keyDim 1.5', make({ keyDim: 1.5 }), /keyDim must be a positive integer, found 1.5/],
    ['valueDim -1', make({ valueDim: -1 }), /valueDim must be a positive integer, found -1/],
    ['dropout 1.2', make({ dropout: 1.2 }), /dropout must be a number in \[0, 1\), found 1.2/],
    ['outputShape 0', make({ outputShape: [0] }), /outputShape must be an integer or a non-empty list of integers > 0, found \[0\]/],
    ['attentionAxes 0.5', make({ attentionAxes: 0.5 }), /attentionAxes must be an integer or a non-empty list of integers, found 0.5/],
  ];
  for (const [name, fn, message] of cases) {
    it(name, () => {
      expect(fn).toThrow(st.ValueError);
      expect(fn).toThrow(message);
    });
  }

  it('bad shapes and axes fail naming the shapes', () => {
    const i = (shape: (number | null)[]) => st.input({ shape });
    expect(() => make({})().apply([i([2, 3]), i([3, 4]), i([5, 4])])).toThrow(/value and key must match on every axis but the last, found value \[null, 3, 4\] and key \[null, 5, 4\]/);
    expect(() => make({})().apply([i([3]), i([3])])).toThrow(/the query must have rank >= 3/);
    expect(() => make({})().apply([i([2, null]), i([3, 4])])).toThrow(/the last axis of the query must be known/);
    expect(() => make({ attentionAxes: [3] })().apply([i([2, 3]), i([3, 3])])).toThrow(/attentionAxes must be distinct axes between 1 and 1 .* found \[3\]/);
    expect(() => make({ useCausalMask: true })().apply([tf.zeros([1, 2, 2, 3]), tf.zeros([1, 2, 2, 3])])).toThrow(/useCausalMask needs exactly one attention axis, found \[1,2\]/);
  });
});
