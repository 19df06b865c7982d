import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';
import { elementwise, mapMatrix, softmaxRows, type Matrix } from './reference.js';

const { tf } = st;

const X: Matrix = [
  [-2, -0.5, 0.25, 3],
  [1, -1, 0.5, -3],
];

// Element-wise activations on a rank-2 input, each with values worked in JS.
const cases: Array<[string, Matrix]> = [
  ['linear', X],
  ['relu', mapMatrix(X, elementwise.relu)],
  ['sigmoid', mapMatrix(X, elementwise.sigmoid)],
  ['tanh', mapMatrix(X, elementwise.tanh)],
  ['elu', mapMatrix(X, elementwise.elu)],
  ['softplus', mapMatrix(X, elementwise.softplus)],
  ['leaky_relu', mapMatrix(X, elementwise.leakyRelu)],
  ['softmax', softmaxRows(X)],
];

for (const [name, expected] of cases) {
  runLayerTest({
    name: `activation ${name}`,
    make: () => st.layers.activation({ activation: name }),
    inputShape: [2, 4],
    expectedOutputShape: [2, 4],
    expectedOutput: { input: X, output: expected },
  });
}

runLayerTest({
  name: 'activation softmax on a rank-3 input (last axis)',
  make: () => st.layers.activation({ activation: 'softmax' }),
  inputShape: [2, 2, 4],
  expectedOutputShape: [2, 2, 4],
  expectedOutput: { input: [X, mapMatrix(X, (v) => 2 * v)], output: [softmaxRows(X), softmaxRows(mapMatrix(X, (v) => 2 * v))] },
});

runLayerTest({
  name: 'activation gelu on a rank-3 input',
  make: () => st.layers.activation({ activation: 'gelu' }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 2],
});

describe('Activation layer', () => {
  it('rejects an unknown activation and lists the known names', () => {
    const make = () => st.layers.activation({ activation: 'nope' });
    expect(make).toThrow(st.UnknownNameError);
    expect(make).toThrow(/Unknown activation 'nope'. Expected one of: .*\brelu\b.*\bsoftmax\b/);
  });

  it('serializes the Keras name of any accepted spelling', () => {
    expect(st.layers.activation({ activation: 'hardSigmoid' }).getConfig().activation).toBe('hard_sigmoid');
    expect(st.layers.activation({ activation: 'log_softmax' }).getConfig().activation).toBe('log_softmax');
  });

  it('has no weights', () => {
    const layer = st.layers.activation({ activation: 'relu' });
    const x = tf.ones([1, 3]);
    layer.apply(x).dispose();
    expect(layer.weights).toEqual([]);
    x.dispose();
  });
});
