// Keras 3 semantics of the recurrent layers: masking (masked steps carry state and output over)
// and dropout masks drawn once per sequence; no tensors leak on those paths.
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

describe('masking', () => {
  const X = sequence(2, 4, 3, 8);
  const W = { kernel: matrix(3, 2, 1), recurrent: matrix(2, 2, 2), bias: values(2, 3, 0.2) };
  const mask = [
    [true, false, true, true],
    [false, true, true, false],
  ];
  const makeRnn = (args: Partial<st.layers.SimpleRNNArgs> = {}) => {
    const layer = st.layers.simpleRNN({ units: 2, ...args });
    build(layer, [2, 4, 3]);
    const w = [tf.tensor2d(W.kernel), tf.tensor2d(W.recurrent), tf.tensor1d(W.bias)];
    layer.setWeights(w);
    tf.dispose(w);
    return layer;
  };
  const step = simpleRNNStep(W.kernel, W.recurrent, W.bias);

  for (const goBackwards of [false, true]) {
    it(`masked steps carry the state and the previous output over (goBackwards=${goBackwards})`, () => {
      const layer = makeRnn({ returnSequences: true, goBackwards });
      const x = tf.tensor3d(X);
      const m = tf.tensor2d(mask, [2, 4], 'bool');
      const [y] = run(layer, x, { mask: m });
      const ref = runSequence(step, X, zeroStates(2, 1, 2), { mask, goBackwards });
      expectClose(y, ref.outputs.flat(2));
      // Without the mask the values differ: the mask was applied.
      expect(run(layer, x)[0]).not.toEqual(y);
      tf.dispose([x, m]);
      layer.dispose();
    });
  }

  it('a float mask works like a bool one; the last output skips trailing masked steps', () => {
    const layer = makeRnn();
    const x = tf.tensor3d(X);
    const m = tf.tensor2d(mask.map((row) => row.map(Number)));
    const [y] = run(layer, x, { mask: m });
    expectClose(y, runSequence(step, X, zeroStates(2, 1, 2), { mask }).last.flat());
    tf.dispose([x, m]);
    layer.dispose();
  });

  it('computeMask passes the mask on only with returnSequences; supportsMasking is set', () => {
    const m = tf.tensor2d(mask, [2, 4], 'bool');
    const x = tf.zeros([2, 4, 3]);
    const seq = st.layers.lstm({ units: 2, returnSequences: true });
    const last = st.layers.lstm({ units: 2 });
    expect(seq.supportsMasking && last.supportsMasking).toBe(true);
    expect(seq.computeMask(x, m)).toBe(m);
    expect(last.computeMask(x, m)).toBeNull();
    tf.dispose([m, x]);
  });

  it('Bidirectional with returnSequences outputs zeros at masked steps in both directions (Keras 3)', () => {
    const bi = st.layers.bidirectional({ layer: st.layers.gru({ units: 2, returnSequences: true }) });
    const x = tf.tensor3d(X);
    const m = tf.tensor2d(mask, [2, 4], 'bool');
    const y = bi.apply(x, { mask: m }) as st.Tensor;
    const values = y.arraySync() as number[][][];
    mask.forEach((row, b) =>
      row.forEach((keep, t) => {
        const zeros = values[b][t].every((v) => v === 0);
        expect(zeros).toBe(!keep);
      }),
    );
    tf.dispose([x, m, y]);
    bi.dispose();
  });

  it('rejects a mask whose shape is not [batch, time]', () => {
    const layer = st.layers.lstm({ units: 2 });
    const x = tf.zeros([2, 4, 3]);
    const m = tf.ones([2, 3]);
    expect(() => layer.apply(x, { mask: m })).toThrow(/the mask must have shape \[batch, time\] = \[2, 4\], found \[2, 3\]/);
    tf.dispose([x, m]);
  });
});

describe('dropout masks are drawn once per sequence', () => {
  it('input dropout: every timestep sees the same mask, a new one on each call', () => {
    // Linear SimpleRNN, identity kernel, zero recurrent kernel: output_t = mask ⊙ x_t.
    const layer = st.layers.simpleRNN({
      units: 6, dropout: 0.5, activation: 'linear', returnSequences: true, kernelInitializer: 'identity', recurrentInitializer: 'zeros',
    });
    const x = tf.ones([4, 5, 6]);
    const first = layer.apply(x, { training: true }) as st.Tensor;
    const steps = first.arraySync() as number[][][];
    for (const sample of steps) {
      for (const t of sample) expect(t).toEqual(sample[0]);
      for (const v of sample[0]) expect([0, 2]).toContain(v);
    }
    const dropped = steps.flatMap((s) => s[0]).filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(24);
    const second = layer.apply(x, { training: true }) as st.Tensor;
    expect(second.arraySync()).not.toEqual(steps);
    const inference = layer.apply(x) as st.Tensor;
    expect(Array.from(inference.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([x, first, second, inference]);
    layer.dispose();
  });

  it('recurrent dropout: h_t = m^t ⊙ h_0 with identity recurrence, so the mask is the same at every step', () => {
    const layer = st.layers.simpleRNN({
      units: 8, recurrentDropout: 0.5, activation: 'linear', returnSequences: true, kernelInitializer: 'zeros', recurrentInitializer: 'identity',
    });
    const x = tf.zeros([3, 3, 2]);
    const h0 = tf.ones([3, 8]);
    const y = layer.apply([x, h0], { training: true }) as st.Tensor;
    const out = y.arraySync() as number[][][];
    for (const sample of out) {
      sample[0].forEach((m, k) => {
        expect([0, 2]).toContain(m);
        expect(sample[1][k]).toBe(m * m);
        expect(sample[2][k]).toBe(m * m * m);
      });
    }
    tf.dispose([x, h0, y]);
    layer.dispose();
  });

  it('a seeded cell draws reproducible masks', () => {
    const make = () => st.layers.lstm({ units: 3, dropout: 0.5, seed: 7, kernelInitializer: 'ones', recurrentInitializer: 'ones' });
    const x = tf.ones([2, 3, 4]);
    const [a, b] = [make(), make()].map((l) => run(l, x, { training: true })[0]);
    expect(a).toEqual(b);
    x.dispose();
  });
});

describe('no leaks', () => {
  it('masked, backward, dropout and state-returning calls leave no tensors behind', () => {
    const layers = [
      st.layers.lstm({ units: 2, returnState: true, goBackwards: true, dropout: 0.2, recurrentDropout: 0.2 }),
      st.layers.bidirectional({ layer: st.layers.gru({ units: 2, returnSequences: true }), mergeMode: null }),
      st.layers.rnn({ cell: [st.layers.lstmCell({ units: 2 }), st.layers.simpleRNNCell({ units: 2 })] }),
    ];
    const x = tf.randomNormal([2, 4, 3]);
    const m = tf.tensor2d([[1, 1, 0, 1], [1, 0, 0, 1]]);
    for (const layer of layers) {
      tf.dispose(layer.apply(x));
      const before = tf.memory().numTensors;
      tf.dispose(layer.apply(x, { training: true, mask: m }));
      const grads = tf.variableGrads(() => {
        const out = layer.apply(x, { training: true, mask: m });
        return tf.sum((Array.isArray(out) ? out[0] : out) as st.Tensor) as st.tf.Scalar;
      });
      tf.dispose([grads.value, ...Object.values(grads.grads)]);
      expect(tf.memory().numTensors).toBe(before);
      layer.dispose();
    }
    tf.dispose([x, m]);
  });
});
