// Stateful recurrent layers (Keras semantics): the final states of a batch are the initial
// states of the next; resetStates() zeroes them or sets given values; the batch size is fixed.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { lstmStep, matrix, runSequence, sequence, values, zeroStates } from './reference.js';

const { tf } = st;

const X = sequence(2, 6, 3, 41);
const W = { kernel: matrix(3, 8, 42), recurrent: matrix(2, 8, 43), bias: values(8, 44, 0.3) };
const step = lstmStep(W.kernel, W.recurrent, W.bias);

function statefulLstm(args: Partial<st.layers.LSTMArgs> = {}): st.layers.LSTM {
  const layer = st.layers.lstm({ units: 2, stateful: true, returnSequences: true, batchInputShape: [2, 3, 3], ...args });
  const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
  const probe = tf.zeros([2, 3, 3]);
  tf.dispose(layer.apply(probe)); // builds (and moves the states, reset below)
  layer.setWeights(w);
  layer.resetStates();
  tf.dispose([probe, ...w]);
  return layer;
}

const halves = () => [tf.tensor3d(X.map((s) => s.slice(0, 3))), tf.tensor3d(X.map((s) => s.slice(3)))];

function values3(t: st.Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Applies the layer and returns the output's values (the output is disposed). */
function applied(layer: st.Layer, x: st.Tensor): number[] {
  const y = layer.apply(x) as st.Tensor;
  const v = values3(y);
  y.dispose();
  return v;
}

describe('stateful layers', () => {
  it('two batches of 3 steps give what one sequence of 6 steps gives', () => {
    const layer = statefulLstm();
    const [first, second] = halves();
    const y1 = layer.apply(first) as st.Tensor;
    const y2 = layer.apply(second) as st.Tensor;
    const ref = runSequence(step, X, zeroStates(2, 2, 2));
    const got = [...(y1.arraySync() as number[][][]).map((s, b) => [...s, ...(y2.arraySync() as number[][][])[b]])];
    got.flat(2).forEach((v, i) => expect(v).toBeCloseTo(ref.outputs.flat(2)[i], 5));
    // The carried states are the reference's final states.
    const [h, c] = layer.states!;
    values3(h).forEach((v, i) => expect(v).toBeCloseTo(ref.states.map((s) => s[0]).flat()[i], 5));
    values3(c).forEach((v, i) => expect(v).toBeCloseTo(ref.states.map((s) => s[1]).flat()[i], 5));
    tf.dispose([first, second, y1, y2]);
    layer.dispose();
  });

  it('resetStates() starts the next batch from zeros; resetStates(values) from the values', () => {
    const layer = statefulLstm();
    const [first, second] = halves();
    const fromZero = applied(layer, second);
    tf.dispose(layer.apply(first));
    const carried = applied(layer, second);
    expect(carried).not.toEqual(fromZero);
    layer.resetStates();
    expect(values3(layer.states![0]).every((v) => v === 0)).toBe(true);
    const again = layer.apply(second) as st.Tensor;
    expect(values3(again)).toEqual(fromZero);
    const h0 = [[0.3, -0.2], [0.1, 0.5]];
    const c0 = [[-0.4, 0.6], [0.2, -0.1]];
    const given = [tf.tensor2d(h0), tf.tensor2d(c0)];
    layer.resetStates(given);
    const fromGiven = layer.apply(second) as st.Tensor;
    const ref = runSequence(step, X.map((s) => s.slice(3)), [[h0[0], c0[0]], [h0[1], c0[1]]]);
    values3(fromGiven).forEach((v, i) => expect(v).toBeCloseTo(ref.outputs.flat(2)[i], 5));
    tf.dispose([first, second, again, fromGiven, ...given]);
    layer.dispose();
  });

  it('keeps the live tensor count constant from batch to batch', () => {
    const layer = statefulLstm();
    const [first] = halves();
    tf.dispose(layer.apply(first));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(first));
    layer.resetStates();
    expect(tf.memory().numTensors).toBe(before);
    first.dispose();
    layer.dispose();
  });

  it('in a Sequential model, predict() carries the states over until resetStates()', () => {
    const lstm = st.layers.lstm({ units: 2, stateful: true, batchInputShape: [2, 3, 3] });
    const model = st.sequential({ layers: [lstm, st.layers.dense({ units: 1 })] });
    const [first] = halves();
    const a = model.predict(first) as st.Tensor;
    const b = model.predict(first) as st.Tensor;
    expect(values3(b)).not.toEqual(values3(a));
    lstm.resetStates();
    const c = model.predict(first) as st.Tensor;
    expect(values3(c)).toEqual(values3(a));
    tf.dispose([first, a, b, c]);
    model.dispose();
  });

  it('a stateful layer refuses a batch of another size', () => {
    const layer = statefulLstm();
    const x = tf.zeros([3, 3, 3]);
    expect(() => layer.apply(x)).toThrow(/is stateful with batch size 2, but it received a batch of 3/);
    x.dispose();
    layer.dispose();
  });

  it('stateful needs a fixed batch size: at construction and at build', () => {
    expect(() => st.layers.lstm({ units: 2, stateful: true, batchInputShape: [null, 3, 3] })).toThrow(/stateful layer needs a fixed batch size/);
    const input = st.input({ shape: [3, 3] });
    expect(() => st.layers.gru({ units: 2, stateful: true }).apply(input)).toThrow(st.ValueError);
    expect(() => st.layers.gru({ units: 2, stateful: true, name: 'sg' }).apply(input)).toThrow(
      /GRU 'sg': a stateful layer needs a fixed batch size, found input shape \[null, 3, 3\]/,
    );
  });

  it('resetStates() on a layer that is not stateful is an error', () => {
    expect(() => st.layers.lstm({ units: 2 }).resetStates()).toThrow(/resetStates\(\) needs a stateful layer/);
  });

  it('Bidirectional resets both directions', () => {
    const bi = st.layers.bidirectional({ layer: st.layers.simpleRNN({ units: 2, stateful: true }), batchInputShape: [2, 3, 3] });
    const [first] = halves();
    const a = applied(bi, first);
    const b = applied(bi, first);
    expect(b).not.toEqual(a);
    bi.resetStates();
    expect(applied(bi, first)).toEqual(a);
    first.dispose();
    bi.dispose();
  });
});
