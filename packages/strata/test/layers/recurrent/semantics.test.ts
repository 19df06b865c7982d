// Keras 3 semantics of the recurrent layers beyond the harness: GRU resetAfter worked by hand,
// returned and initial states, initial biases, weight names, standalone cells and configs.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { gruStep, lstmStep, matrix, runSequence, sequence, simpleRNNStep, values, zeroStates } from './reference.js';

const { tf } = st;

/** Applies a layer, returns every output's values, disposes the outputs. */
function run(layer: st.Layer, inputs: st.Tensor | st.Tensor[], options: st.CallOptions = {}): number[][] {
  const out = layer.apply(inputs, options);
  const list = Array.isArray(out) ? out : [out];
  const result = list.map((t) => Array.from(t.dataSync()));
  tf.dispose(list);
  return result;
}

function build(layer: st.Layer, shape: number[]): void {
  const x = tf.zeros(shape);
  tf.dispose(layer.apply(x));
  x.dispose();
}

function expectClose(actual: number[], expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

describe('GRU with resetAfter (Keras 3 default), worked by hand', () => {
  it('one unit, two steps, from the Keras equations written out', () => {
    // kernel [1, 3] = (W_z, W_r, W_h); recurrent [1, 3] = (U_z, U_r, U_h); bias [2, 3].
    const W = [0.5, -0.4, 0.3];
    const U = [0.2, 0.6, -0.7];
    const bIn = [0.1, -0.2, 0.05];
    const bRec = [-0.3, 0.15, 0.25];
    const xs = [1.0, -2.0];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    let h = 0;
    const expected: number[] = [];
    for (const x of xs) {
      const z = sig(W[0] * x + bIn[0] + U[0] * h + bRec[0]);
      const r = sig(W[1] * x + bIn[1] + U[1] * h + bRec[1]);
      const hh = Math.tanh(W[2] * x + bIn[2] + r * (U[2] * h + bRec[2]));
      h = z * h + (1 - z) * hh;
      expected.push(h);
    }
    const layer = st.layers.gru({ units: 1, returnSequences: true });
    build(layer, [1, 2, 1]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[1, 3], [1, 3], [2, 3]]);
    const weights = [tf.tensor2d([W]), tf.tensor2d([U]), tf.tensor2d([bIn, bRec])];
    layer.setWeights(weights);
    const x = tf.tensor3d([[[xs[0]], [xs[1]]]]);
    expectClose(run(layer, x)[0], expected, 6);
    tf.dispose([x, ...weights]);
    layer.dispose();
  });

  it('the recurrent bias sits inside the reset gate: with h = 0 only its candidate part is scaled by r', () => {
    // With a zero state, hh = tanh(x·W_h + b_h + r·b'_h): changing b'_h changes the output,
    // as it would not if resetAfter were false (bias [3u] only).
    const layer = st.layers.gru({ units: 1 });
    build(layer, [1, 1, 1]);
    const x = tf.tensor3d([[[0.7]]]);
    const outputs = [0, 1].map((recH) => {
      const w = [tf.tensor2d([[0.2, 0.3, 0.4]]), tf.tensor2d([[0.1, 0.1, 0.1]]), tf.tensor2d([[0, 0, 0], [0, 0, recH]])];
      layer.setWeights(w);
      tf.dispose(w);
      return run(layer, x)[0][0];
    });
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const z = sig(0.14);
    const r = sig(0.21);
    expect(outputs[0]).toBeCloseTo((1 - z) * Math.tanh(0.28), 6);
    expect(outputs[1]).toBeCloseTo((1 - z) * Math.tanh(0.28 + r), 6);
    x.dispose();
    layer.dispose();
  });
});

describe('returned states and initial states', () => {
  const X = sequence(2, 3, 4, 5);
  const W = { kernel: matrix(4, 8, 1), recurrent: matrix(2, 8, 2), bias: values(8, 3, 0.3) };
  const setLstm = (layer: st.Layer) => {
    build(layer, [2, 3, 4]);
    const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
    layer.setWeights(w);
    tf.dispose(w);
  };

  it('LSTM returnState gives [output, h, c]; h is the last output and c the carry', () => {
    const layer = st.layers.lstm({ units: 2, returnState: true });
    setLstm(layer);
    const x = tf.tensor3d(X);
    const [output, h, c] = run(layer, x);
    const ref = runSequence(lstmStep(W.kernel, W.recurrent, W.bias), X, zeroStates(2, 2, 2));
    expectClose(output, ref.last.flat());
    expectClose(h, ref.states.map((s) => s[0]).flat());
    expectClose(c, ref.states.map((s) => s[1]).flat());
    x.dispose();
    layer.dispose();
  });

  it('symbolic shapes with returnState and returnSequences', () => {
    const input = st.input({ shape: [5, 4] });
    const out = st.layers.lstm({ units: 3, returnSequences: true, returnState: true }).apply(input) as unknown as st.SymbolicTensor[];
    expect(out.map((t) => t.shape)).toEqual([[null, 5, 3], [null, 3], [null, 3]]);
    const gruOut = st.layers.gru({ units: 2, returnState: true }).apply(input) as unknown as st.SymbolicTensor[];
    expect(gruOut.map((t) => t.shape)).toEqual([[null, 2], [null, 2]]);
  });

  it('initial states given after the sequence ([x, h0, c0]) start the recurrence', () => {
    const layer = st.layers.lstm({ units: 2, returnSequences: true });
    setLstm(layer);
    const h0 = [[0.5, -0.5], [0.1, 0.2]];
    const c0 = [[-0.3, 0.7], [0.4, -0.9]];
    const inputs = [tf.tensor3d(X), tf.tensor2d(h0), tf.tensor2d(c0)];
    const [output] = run(layer, inputs);
    const ref = runSequence(lstmStep(W.kernel, W.recurrent, W.bias), X, [[h0[0], c0[0]], [h0[1], c0[1]]]);
    expectClose(output, ref.outputs.flat(2));
    // The zero-state result differs, so the initial states were used.
    const [zeroStart] = run(layer, inputs[0]);
    expect(zeroStart).not.toEqual(output);
    tf.dispose(inputs);
    layer.dispose();
  });

  it('initial states as symbolic inputs of a functional model', () => {
    const seq = st.input({ shape: [3, 4] });
    const h0 = st.input({ shape: [2] });
    const c0 = st.input({ shape: [2] });
    const lstm = st.layers.lstm({ units: 2 });
    const model = st.model({ inputs: [seq, h0, c0], outputs: lstm.apply([seq, h0, c0]) as st.SymbolicTensor });
    const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
    lstm.setWeights(w);
    const states = [[[0.2, 0.1], [0, 0.3]], [[0.5, 0.5], [-0.5, 0.1]]];
    const inputs = [tf.tensor3d(X), tf.tensor2d(states[0]), tf.tensor2d(states[1])];
    const y = model.predict(inputs) as st.Tensor;
    const ref = runSequence(lstmStep(W.kernel, W.recurrent, W.bias), X, [[states[0][0], states[1][0]], [states[0][1], states[1][1]]]);
    expectClose(Array.from(y.dataSync()), ref.last.flat());
    tf.dispose([y, ...inputs, ...w]);
    model.dispose();
  });

  it('rejects initial states of the wrong number or shape', () => {
    const layer = st.layers.lstm({ units: 2 });
    const x = tf.zeros([2, 3, 4]);
    const h = tf.zeros([2, 2]);
    const wrong = tf.zeros([2, 3]);
    expect(() => layer.apply([x, h])).toThrow(/takes 2 initial state\(s\) after the sequence, but it received 1/);
    expect(() => layer.apply([x, h, wrong])).toThrow(/initial state 1 must have shape \[2, 2\], found \[2, 3\]/);
    tf.dispose([x, h, wrong]);
    layer.dispose();
  });
});

describe('weights and initial values', () => {
  it('LSTM unitForgetBias: the forget block of the bias starts at 1 (Keras 3 default)', () => {
    const layer = st.layers.lstm({ units: 3 });
    build(layer, [1, 2, 2]);
    expect(Array.from(layer.weights[2].read().dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const plain = st.layers.lstm({ units: 3, unitForgetBias: false, biasInitializer: 'ones' });
    build(plain, [1, 2, 2]);
    expect(Array.from(plain.weights[2].read().dataSync())).toEqual(new Array(12).fill(1));
    layer.dispose();
    plain.dispose();
  });

  it('weights are named after the layer, as tfjs-layers names them', () => {
    const cases: Array<[st.Layer, number[], string[]]> = [
      [st.layers.lstm({ units: 2, name: 'enc' }), [1, 2, 3], ['enc/kernel', 'enc/recurrent_kernel', 'enc/bias']],
      [st.layers.gru({ units: 2, name: 'g', useBias: false }), [1, 2, 3], ['g/kernel', 'g/recurrent_kernel']],
      [
        st.layers.rnn({ cell: [st.layers.simpleRNNCell({ units: 2 }), st.layers.simpleRNNCell({ units: 2 })], name: 'r' }),
        [1, 2, 3],
        ['r/RNNCell_0/kernel', 'r/RNNCell_0/recurrent_kernel', 'r/RNNCell_0/bias', 'r/RNNCell_1/kernel', 'r/RNNCell_1/recurrent_kernel', 'r/RNNCell_1/bias'],
      ],
      [st.layers.timeDistributed({ layer: st.layers.dense({ units: 2 }), name: 'td' }), [1, 2, 3], ['td/kernel', 'td/bias']],
    ];
    for (const [layer, shape, names] of cases) {
      build(layer, shape);
      expect(layer.weights.map((w) => w.name)).toEqual(names);
      layer.dispose();
    }
  });

  it('a standalone cell maps [x, ...states] to [output, ...states]', () => {
    const W = { kernel: matrix(3, 8, 4), recurrent: matrix(2, 8, 5), bias: values(8, 6) };
    const cell = st.layers.lstmCell({ units: 2 });
    const x = tf.tensor2d([[0.1, -0.2, 0.3]]);
    const h = tf.tensor2d([[0.5, -0.1]]);
    const c = tf.tensor2d([[0.2, 0.4]]);
    tf.dispose(cell.apply([x, h, c]));
    const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
    cell.setWeights(w);
    const [out, hNext, cNext] = run(cell, [x, h, c]);
    const ref = lstmStep(W.kernel, W.recurrent, W.bias)([0.1, -0.2, 0.3], [[0.5, -0.1], [0.2, 0.4]]);
    expectClose(out, ref.output);
    expectClose(hNext, ref.states[0]);
    expectClose(cNext, ref.states[1]);
    expect(cell.computeOutputShape([[null, 3], [null, 2], [null, 2]])).toEqual([[null, 2], [null, 2], [null, 2]]);
    tf.dispose([x, h, c, ...w]);
    cell.dispose();
  });

  it('GRU resetAfter false matches the reference for a standalone gruCell step', () => {
    const W = { kernel: matrix(2, 6, 1), recurrent: matrix(2, 6, 2), bias: values(6, 3) };
    const cell = st.layers.gruCell({ units: 2, resetAfter: false });
    const x = tf.tensor2d([[0.3, -0.6]]);
    const h = tf.tensor2d([[0.2, 0.1]]);
    tf.dispose(cell.apply([x, h]));
    const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
    cell.setWeights(w);
    const [out] = run(cell, [x, h]);
    expectClose(out, gruStep(W.kernel, W.recurrent, W.bias, false)([0.3, -0.6], [[0.2, 0.1]]).output);
    tf.dispose([x, h, ...w]);
  });
});

describe('configs', () => {
  it('LSTM writes the cell arguments flat with Keras names and defaults', () => {
    const config = st.layers.lstm({ units: 4, name: 'l' }).getConfig();
    expect(config).toMatchObject({
      name: 'l', units: 4, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, unitForgetBias: true,
      dropout: 0, recurrentDropout: 0, seed: null, returnSequences: false, returnState: false, goBackwards: false,
      stateful: false, unroll: false, zeroOutputForMask: false,
    });
    expect(config.kernelInitializer).toMatchObject({ className: 'GlorotUniform' });
    expect(config.recurrentInitializer).toMatchObject({ className: 'Orthogonal' });
    expect(config.cell).toBeUndefined();
  });

  it('GRU defaults to resetAfter true; RNN serializes its cell', () => {
    expect(st.layers.gru({ units: 2 }).getConfig()).toMatchObject({ resetAfter: true, recurrentActivation: 'sigmoid' });
    const config = st.layers.rnn({ cell: [st.layers.gruCell({ units: 2 }), st.layers.lstmCell({ units: 3 })] }).getConfig();
    expect(config.cell).toMatchObject({ className: 'StackedRNNCells', config: { cells: [{ className: 'GRUCell' }, { className: 'LSTMCell' }] } });
  });

  it('Bidirectional writes the wrapped layer under its own name and reads Keras 3 "forward_" names', () => {
    const bi = st.layers.bidirectional({ layer: st.layers.lstm({ units: 2, name: 'enc' }), name: 'bi' });
    const config = bi.getConfig();
    expect(config).toMatchObject({ mergeMode: 'concat', layer: { className: 'LSTM', config: { name: 'enc' } } });
    const keras3 = st.deserialize<st.layers.Bidirectional>({
      className: 'Bidirectional',
      config: { ...config, layer: { className: 'LSTM', config: { ...(config.layer as st.SerializedObject).config, name: 'forward_enc' } } },
    });
    expect(keras3.forwardLayer.name).toBe('forward_enc');
    expect(keras3.backwardLayer.name).toBe('backward_enc');
    expect(keras3.backwardLayer.goBackwards).toBe(true);
  });

  it('inputDim/inputLength are tfjs shorthand for inputShape', () => {
    expect(st.layers.lstm({ units: 2, inputDim: 5, inputLength: 7 }).getConfig().batchInputShape).toEqual([null, 7, 5]);
    expect(st.layers.gru({ units: 2, inputDim: 5 }).getConfig().batchInputShape).toEqual([null, null, 5]);
  });
});
