// Every recurrent layer through the shared layer harness (DESIGN §10), with hand-computed outputs
// from the Keras equations (reference.ts) where the weights are small enough to give.
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { gruStep, lstmStep, matrix, runSequence, sequence, simpleRNNStep, values, zeroStates } from './reference.js';

// Inputs [batch 2, time 3, features 4]; 2–3 units keep the gradient check small.
const X = sequence(2, 3, 4, 11);

// --- SimpleRNN ----------------------------------------------------------------------------------

const rnnW = { kernel: matrix(4, 3, 1), recurrent: matrix(3, 3, 2), bias: values(3, 3, 0.2) };
const rnnRun = runSequence(simpleRNNStep(rnnW.kernel, rnnW.recurrent, rnnW.bias), X, zeroStates(2, 1, 3));

runLayerTest({
  name: 'simpleRNN (last output), hand-computed',
  make: () => st.layers.simpleRNN({ units: 3 }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3],
  expectedWeightShapes: [[4, 3], [3, 3], [3]],
  expectedOutput: { input: X, weights: [rnnW.kernel, rnnW.recurrent, rnnW.bias], output: rnnRun.last },
});

runLayerTest({
  name: 'simpleRNN returnSequences, hand-computed',
  make: () => st.layers.simpleRNN({ units: 3, returnSequences: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 3],
  expectedWeightShapes: [[4, 3], [3, 3], [3]],
  expectedOutput: { input: X, weights: [rnnW.kernel, rnnW.recurrent, rnnW.bias], output: rnnRun.outputs },
});

// --- LSTM ---------------------------------------------------------------------------------------

const lstmW = { kernel: matrix(4, 8, 4), recurrent: matrix(2, 8, 5), bias: values(8, 6, 0.3) };
const lstmStepFn = lstmStep(lstmW.kernel, lstmW.recurrent, lstmW.bias);

runLayerTest({
  name: 'lstm (last output), hand-computed',
  make: () => st.layers.lstm({ units: 2 }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[4, 8], [2, 8], [8]],
  expectedOutput: { input: X, weights: [lstmW.kernel, lstmW.recurrent, lstmW.bias], output: runSequence(lstmStepFn, X, zeroStates(2, 2, 2)).last },
});

runLayerTest({
  name: 'lstm returnSequences + goBackwards, hand-computed (outputs in processing order)',
  make: () => st.layers.lstm({ units: 2, returnSequences: true, goBackwards: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 2],
  expectedWeightShapes: [[4, 8], [2, 8], [8]],
  expectedOutput: {
    input: X,
    weights: [lstmW.kernel, lstmW.recurrent, lstmW.bias],
    output: runSequence(lstmStepFn, X, zeroStates(2, 2, 2), { goBackwards: true }).outputs,
  },
});

runLayerTest({
  name: 'lstm without bias, relu activation',
  make: () => st.layers.lstm({ units: 3, useBias: false, activation: 'relu', returnSequences: true }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 3],
  expectedWeightShapes: [[2, 12], [3, 12]],
});

runLayerTest({
  name: 'lstm with dropout and recurrentDropout',
  make: () => st.layers.lstm({ units: 2, dropout: 0.3, recurrentDropout: 0.3 }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[4, 8], [2, 8], [8]],
  stochastic: true,
});

// --- GRU ----------------------------------------------------------------------------------------

const gruW = { kernel: matrix(4, 6, 7), recurrent: matrix(2, 6, 8), bias: matrix(2, 6, 9, 0.3) };

runLayerTest({
  name: 'gru resetAfter (Keras 3 default), hand-computed',
  make: () => st.layers.gru({ units: 2, returnSequences: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 2],
  expectedWeightShapes: [[4, 6], [2, 6], [2, 6]],
  expectedOutput: {
    input: X,
    weights: [gruW.kernel, gruW.recurrent, gruW.bias],
    output: runSequence(gruStep(gruW.kernel, gruW.recurrent, gruW.bias, true), X, zeroStates(2, 1, 2)).outputs,
  },
});

runLayerTest({
  name: 'gru resetAfter false, goBackwards, hand-computed',
  make: () => st.layers.gru({ units: 2, resetAfter: false, goBackwards: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[4, 6], [2, 6], [6]],
  expectedOutput: {
    input: X,
    weights: [gruW.kernel, gruW.recurrent, gruW.bias[0]],
    output: runSequence(gruStep(gruW.kernel, gruW.recurrent, gruW.bias[0], false), X, zeroStates(2, 1, 2), { goBackwards: true }).last,
  },
});

runLayerTest({
  name: 'gru with recurrentDropout',
  make: () => st.layers.gru({ units: 3, recurrentDropout: 0.25, returnSequences: true }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 3],
  expectedWeightShapes: [[2, 9], [3, 9], [2, 9]],
  stochastic: true,
});

// --- generic RNN over cells -----------------------------------------------------------------------

runLayerTest({
  name: 'rnn over an lstmCell (same math as LSTM)',
  make: () => st.layers.rnn({ cell: st.layers.lstmCell({ units: 2 }) }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[4, 8], [2, 8], [8]],
  expectedOutput: { input: X, weights: [lstmW.kernel, lstmW.recurrent, lstmW.bias], output: runSequence(lstmStepFn, X, zeroStates(2, 2, 2)).last },
});

// Stacked: the SimpleRNN's output is the GRU's input at each step.
const stackedStep = (() => {
  const first = simpleRNNStep(rnnW.kernel, rnnW.recurrent, rnnW.bias);
  const gk = matrix(3, 6, 12);
  const second = gruStep(gk, gruW.recurrent, gruW.bias, true);
  const step = (x: number[], [h1, h2]: number[][]) => {
    const a = first(x, [h1]);
    const b = second(a.output, [h2]);
    return { output: b.output, states: [...a.states, ...b.states] };
  };
  return { step, gk };
})();

runLayerTest({
  name: 'rnn over stacked cells [simpleRNNCell(3), gruCell(2)], hand-computed',
  make: () => st.layers.rnn({ cell: [st.layers.simpleRNNCell({ units: 3 }), st.layers.gruCell({ units: 2 })], returnSequences: true }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 2],
  expectedWeightShapes: [[4, 3], [3, 3], [3], [3, 6], [2, 6], [2, 6]],
  expectedOutput: {
    input: X,
    weights: [rnnW.kernel, rnnW.recurrent, rnnW.bias, stackedStep.gk, gruW.recurrent, gruW.bias],
    output: runSequence(stackedStep.step, X, [
      [[0, 0, 0], [0, 0]],
      [[0, 0, 0], [0, 0]],
    ]).outputs,
  },
});

// --- wrappers -------------------------------------------------------------------------------------

for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
  runLayerTest({
    name: `bidirectional lstm, mergeMode ${mergeMode}`,
    make: () => st.layers.bidirectional({ layer: st.layers.lstm({ units: 2, returnSequences: true }), mergeMode }),
    inputShape: [2, 3, 4],
    expectedOutputShape: [2, 3, mergeMode === 'concat' ? 4 : 2],
    expectedWeightShapes: [[4, 8], [2, 8], [8], [4, 8], [2, 8], [8]],
  });
}

// Forward and backward halves worked separately; the backward sequence flipped back in time.
const bwdW = { kernel: matrix(4, 3, 21), recurrent: matrix(3, 3, 22), bias: values(3, 23, 0.2) };
const fwdRun = runSequence(simpleRNNStep(rnnW.kernel, rnnW.recurrent, rnnW.bias), X, zeroStates(2, 1, 3));
const bwdRun = runSequence(simpleRNNStep(bwdW.kernel, bwdW.recurrent, bwdW.bias), X, zeroStates(2, 1, 3), { goBackwards: true });

runLayerTest({
  name: 'bidirectional simpleRNN concat, hand-computed',
  make: () => st.layers.bidirectional({ layer: st.layers.simpleRNN({ units: 3, returnSequences: true }) }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 6],
  expectedWeightShapes: [[4, 3], [3, 3], [3], [4, 3], [3, 3], [3]],
  expectedOutput: {
    input: X,
    weights: [rnnW.kernel, rnnW.recurrent, rnnW.bias, bwdW.kernel, bwdW.recurrent, bwdW.bias],
    output: fwdRun.outputs.map((steps, b) => steps.map((h, t) => [...h, ...bwdRun.outputs[b][2 - t]])),
  },
});

runLayerTest({
  name: 'bidirectional gru (last outputs), sum',
  make: () => st.layers.bidirectional({ layer: st.layers.gru({ units: 2 }), mergeMode: 'sum' }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 2],
  expectedWeightShapes: [[4, 6], [2, 6], [2, 6], [4, 6], [2, 6], [2, 6]],
});

const tdKernel = matrix(4, 2, 31);
const tdBias = values(2, 32, 0.2);
runLayerTest({
  name: 'timeDistributed dense, hand-computed',
  make: () => st.layers.timeDistributed({ layer: st.layers.dense({ units: 2 }) }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 2],
  expectedWeightShapes: [[4, 2], [2]],
  expectedOutput: {
    input: X,
    weights: [tdKernel, tdBias],
    output: X.map((steps) => steps.map((x) => tdKernel[0].map((_, j) => x.reduce((s, v, i) => s + v * tdKernel[i][j], tdBias[j])))),
  },
});

runLayerTest({
  name: 'timeDistributed over an lstm (rank-4 input)',
  make: () => st.layers.timeDistributed({ layer: st.layers.lstm({ units: 2 }) }),
  inputShape: [2, 2, 3, 2],
  expectedOutputShape: [2, 2, 2],
  expectedWeightShapes: [[2, 8], [2, 8], [8]],
});

// --- ConvLSTM2D -----------------------------------------------------------------------------------

runLayerTest({
  name: 'convLstm2d valid padding (last output)',
  make: () => st.layers.convLstm2d({ filters: 2, kernelSize: 2 }),
  inputShape: [2, 3, 3, 3, 1],
  expectedOutputShape: [2, 2, 2, 2],
  expectedWeightShapes: [[2, 2, 1, 8], [2, 2, 2, 8], [8]],
});

runLayerTest({
  name: 'convLstm2d same padding, strides 2, returnSequences',
  make: () => st.layers.convLstm2d({ filters: 2, kernelSize: [3, 3], padding: 'same', strides: 2, returnSequences: true }),
  inputShape: [1, 3, 4, 4, 2],
  expectedOutputShape: [1, 3, 2, 2, 2],
  expectedWeightShapes: [[3, 3, 2, 8], [3, 3, 2, 8], [8]],
});
