import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

// Random in training: the harness checks gradients in inference mode and pins the random
// source for the training step (spec.stochastic).
runLayerTest({
  name: 'dropout 0.5',
  make: () => st.layers.dropout({ rate: 0.5 }),
  inputShape: [4, 6],
  expectedOutputShape: [4, 6],
  stochastic: true,
  expectedOutput: { input: [[1, -2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]], output: [[1, -2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]] },
});

runLayerTest({
  name: 'dropout with a noise shape on a rank-3 input',
  make: () => st.layers.dropout({ rate: 0.3, noiseShape: [null, 1, 3] }),
  inputShape: [2, 4, 3],
  expectedOutputShape: [2, 4, 3],
  stochastic: true,
});

runLayerTest({
  name: 'dropout rate 0 (identity even in training)',
  make: () => st.layers.dropout({ rate: 0 }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  expectedOutput: { input: [[1, 2, 3], [4, 5, 6]], output: [[1, 2, 3], [4, 5, 6]], training: true },
});

/** Applies a layer to a tensor in the given mode and returns the values; disposes the output. */
function run(layer: st.Layer, x: st.Tensor, training: boolean): Float32Array {
  const y = layer.apply(x, { training });
  const values = Float32Array.from(y.dataSync() as Float32Array);
  y.dispose();
  return values;
}

describe('Dropout semantics', () => {
  const rate = 0.3;
  const rows = 200;
  const cols = 500; // 100,000 entries: the fraction's standard deviation is ~0.0015

  it('in training zeroes about `rate` of the entries and scales the survivors by 1/(1-rate)', () => {
    const x = tf.ones([rows, cols]);
    const values = run(st.layers.dropout({ rate }), x, true);
    x.dispose();
    const zeros = values.filter((v) => v === 0).length;
    expect(zeros / values.length).toBeGreaterThan(rate - 0.01);
    expect(zeros / values.length).toBeLessThan(rate + 0.01);
    const scale = Math.fround(1 / (1 - rate));
    for (const v of values) if (v !== 0) expect(v).toBeCloseTo(scale, 6);
    // The mean is preserved: E[mask / (1 - rate)] = 1 (standard deviation of the mean ~0.002).
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
  });

  it('scales survivors of a non-constant input by 1/(1-rate) exactly', () => {
    const data = Array.from({ length: 1000 }, (_, i) => (i % 17) - 8);
    const x = tf.tensor2d(data, [10, 100]);
    const values = run(st.layers.dropout({ rate: 0.5 }), x, true);
    x.dispose();
    values.forEach((v, i) => {
      if (v !== 0) expect(v).toBe(data[i] * 2);
    });
    // Some survive and some are dropped among the non-zero inputs.
    const nonZeroInputs = data.map((d, i) => [d, values[i]]).filter(([d]) => d !== 0);
    expect(nonZeroInputs.some(([, v]) => v === 0)).toBe(true);
    expect(nonZeroInputs.some(([, v]) => v !== 0)).toBe(true);
  });

  it('is the identity in inference mode and when training is not given', () => {
    const x = tf.tensor2d([[1, -2, 3], [4, 5, -6]]);
    const layer = st.layers.dropout({ rate: 0.9 });
    expect(Array.from(run(layer, x, false))).toEqual([1, -2, 3, 4, 5, -6]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3, 4, 5, -6]);
    tf.dispose([x, y]);
  });

  it('is the identity in predict() and evaluate(), and active in trainOnBatch()', async () => {
    // Dense with a ones kernel and zero bias sums the 50 inputs: exactly 50 without dropout.
    const model = st.sequential({
      layers: [
        st.layers.inputLayer({ inputShape: [50] }),
        st.layers.dropout({ rate: 0.5 }),
        st.layers.dense({ units: 1, kernelInitializer: 'ones', biasInitializer: 'zeros' }),
      ],
    });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.ones([8, 50]);
    const y = tf.fill([8, 1], 50);
    const p = model.predict(x);
    expect(Array.from(p.dataSync())).toEqual(Array(8).fill(50));
    const evaluated = model.evaluate(x, y) as st.tf.Scalar;
    expect(evaluated.dataSync()[0]).toBe(0);
    // In training each row sums 2·Binomial(50, 0.5) kept ones: the loss is 0 only if every row
    // kept exactly 25 (probability 0.11^8, ~3e-8).
    const loss = (await model.trainOnBatch(x, y)) as number;
    expect(loss).toBeGreaterThan(0);
    tf.dispose([x, y, p, evaluated]);
    model.dispose();
  });

  // Keras 3 trains a model without trainable weights: it warns and updates nothing.
  it('trainOnBatch on a model without trainable weights returns the loss', async () => {
    const model = st.sequential({ layers: [st.layers.inputLayer({ inputShape: [3] }), st.layers.dropout({ rate: 0.5 })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([2, 3]);
    try {
      const loss = (await model.trainOnBatch(x, x)) as number;
      expect(Number.isFinite(loss)).toBe(true);
    } finally {
      x.dispose();
      model.dispose();
    }
  });

  it('shares the mask along axes where noiseShape is 1', () => {
    const x = tf.ones([50, 40]);
    const values = run(st.layers.dropout({ rate: 0.5, noiseShape: [1, null] }), x, true);
    x.dispose();
    for (let j = 0; j < 40; j++) {
      const column = Array.from({ length: 50 }, (_, i) => values[i * 40 + j]);
      expect(new Set(column).size).toBe(1); // every row of a column dropped or kept together
    }
    const dropped = Array.from({ length: 40 }, (_, j) => values[j]).filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(40);
  });

  it('draws the same mask for the same seed in two layers', () => {
    const x = tf.ones([10, 20]);
    const a = run(st.layers.dropout({ rate: 0.5, seed: 42 }), x, true);
    const b = run(st.layers.dropout({ rate: 0.5, seed: 42 }), x, true);
    const c = run(st.layers.dropout({ rate: 0.5, seed: 43 }), x, true);
    x.dispose();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  // Keras 3: a seeded Dropout owns a SeedGenerator whose state advances on every call, so runs
  // are reproducible but each training step draws a new mask.
  it('a seeded Dropout draws a new mask on each call', () => {
    const x = tf.ones([10, 20]);
    const layer = st.layers.dropout({ rate: 0.5, seed: 42 });
    const first = run(layer, x, true);
    const second = run(layer, x, true);
    x.dispose();
    expect(Array.from(second)).not.toEqual(Array.from(first));
  });
});

describe('Dropout errors', () => {
  it('rejects a rate outside [0, 1), naming the value', () => {
    expect(() => st.layers.dropout({ rate: 1.5 })).toThrow(st.ValueError);
    expect(() => st.layers.dropout({ rate: 1.5 })).toThrow(/rate must be a number in \[0, 1\), found 1.5/);
    expect(() => st.layers.dropout({ rate: -0.1 })).toThrow(/found -0.1/);
    expect(() => st.layers.dropout({ rate: 1 })).toThrow(/found 1\b/);
    expect(() => st.layers.dropout({ rate: Number.NaN })).toThrow(/found NaN/);
    expect(() => st.layers.dropout({ rate: '0.5' as unknown as number })).toThrow(/found "0.5"/);
  });
});
