import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

const X = [
  [1, -2, 3],
  [0.5, 0, -1],
];

runLayerTest({
  name: 'gaussianNoise 0.1',
  make: () => st.layers.gaussianNoise({ stddev: 0.1 }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  stochastic: true,
  expectedOutput: { input: X, output: X },
});

runLayerTest({
  name: 'gaussianDropout 0.3 on a rank-3 input',
  make: () => st.layers.gaussianDropout({ rate: 0.3 }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 2],
  stochastic: true,
  expectedOutput: { input: [X.flat(), X.flat().map((v) => -v)], output: [X.flat(), X.flat().map((v) => -v)] },
});

runLayerTest({
  name: 'alphaDropout 0.2',
  make: () => st.layers.alphaDropout({ rate: 0.2 }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  stochastic: true,
  expectedOutput: { input: X, output: X },
});

runLayerTest({
  name: 'alphaDropout 0.2 with a noise shape',
  make: () => st.layers.alphaDropout({ rate: 0.2, noiseShape: [null, 1, 2] }),
  inputShape: [2, 3, 2],
  expectedOutputShape: [2, 3, 2],
  stochastic: true,
});

function run(layer: st.Layer, x: st.Tensor, training: boolean): Float32Array {
  const y = layer.apply(x, { training });
  const values = Float32Array.from(y.dataSync() as Float32Array);
  y.dispose();
  return values;
}

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
const std = (v: ArrayLike<number>) => {
  const m = mean(v);
  return Math.sqrt(Array.from(v).reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};

const N = 40_000; // sample mean/std errors ~ 0.5% of the std

describe('GaussianNoise', () => {
  it('adds N(0, stddev²) noise in training only', () => {
    const stddev = 0.5;
    const x = tf.fill([200, N / 200], 3);
    const layer = st.layers.gaussianNoise({ stddev });
    const noise = run(layer, x, true).map((v) => v - 3);
    expect(Math.abs(mean(noise))).toBeLessThan(0.02);
    expect(Math.abs(std(noise) - stddev)).toBeLessThan(0.02);
    expect(run(layer, x, false).every((v) => v === 3)).toBe(true);
    x.dispose();
  });

  it('stddev 0 is the identity even in training; a seed reproduces and advances per call', () => {
    const x = tf.tensor2d(X);
    expect(Array.from(run(st.layers.gaussianNoise({ stddev: 0 }), x, true))).toEqual(X.flat());
    const a = run(st.layers.gaussianNoise({ stddev: 1, seed: 5 }), x, true);
    const b = run(st.layers.gaussianNoise({ stddev: 1, seed: 5 }), x, true);
    expect(Array.from(a)).toEqual(Array.from(b));
    const layer = st.layers.gaussianNoise({ stddev: 1, seed: 5 });
    run(layer, x, true);
    expect(Array.from(run(layer, x, true))).not.toEqual(Array.from(a));
    x.dispose();
  });

  it('refuses a negative or non-finite stddev, naming it', () => {
    for (const stddev of [-0.1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => st.layers.gaussianNoise({ stddev })).toThrow(/'stddev' must be a finite number >= 0/);
    }
  });
});

describe('GaussianDropout', () => {
  it('multiplies by N(1, rate/(1-rate)) noise in training only', () => {
    const rate = 0.2;
    const x = tf.fill([200, N / 200], 2);
    const layer = st.layers.gaussianDropout({ rate });
    const factor = run(layer, x, true).map((v) => v / 2);
    expect(Math.abs(mean(factor) - 1)).toBeLessThan(0.02);
    expect(Math.abs(std(factor) - Math.sqrt(rate / (1 - rate)))).toBeLessThan(0.02);
    expect(run(layer, x, false).every((v) => v === 2)).toBe(true);
    x.dispose();
  });

  it('refuses a rate outside [0, 1)', () => {
    for (const rate of [-0.5, 1, 2]) expect(() => st.layers.gaussianDropout({ rate })).toThrow(/'rate' must be a number in \[0, 1\)/);
  });
});

describe('AlphaDropout', () => {
  // Keras' constants and affine correction, worked here from the definitions.
  const alphaP = -1.6732632423543772 * 1.0507009873554805;
  const correction = (rate: number) => {
    const a = 1 / Math.sqrt((1 - rate) * (1 + rate * alphaP * alphaP));
    return { a, b: -a * alphaP * rate };
  };

  it('in training keeps x as a·x + b or replaces it by a·α′ + b, dropping about `rate`', () => {
    const rate = 0.25;
    const { a, b } = correction(rate);
    const data = Array.from({ length: N }, (_, i) => ((i % 11) - 5) / 5);
    const x = tf.tensor2d(data, [200, N / 200]);
    const y = run(st.layers.alphaDropout({ rate }), x, true);
    let dropped = 0;
    y.forEach((v, i) => {
      const kept = a * data[i] + b;
      const gone = a * alphaP + b;
      const isKept = Math.abs(v - kept) < 1e-5;
      const isDropped = Math.abs(v - gone) < 1e-5;
      expect(isKept || isDropped, `entry ${i}: ${v} is neither ${kept} nor ${gone}`).toBe(true);
      if (isDropped && !isKept) dropped++;
    });
    const keptAtAlpha = data.filter((d) => Math.abs(a * d + b - (a * alphaP + b)) < 1e-5).length;
    expect(keptAtAlpha).toBe(0); // no input equals α′, so the two cases never coincide
    expect(Math.abs(dropped / N - rate)).toBeLessThan(0.015);
    x.dispose();
  });

  it('keeps zero mean and unit variance for standard normal inputs (the self-normalizing property)', () => {
    const x = tf.randomNormal([200, N / 200], 0, 1, 'float32', 3);
    const y = run(st.layers.alphaDropout({ rate: 0.3, seed: 1 }), x, true);
    expect(Math.abs(mean(y))).toBeLessThan(0.03);
    expect(Math.abs(std(y) - 1)).toBeLessThan(0.03);
    x.dispose();
  });

  it('shares the draw along axes where noiseShape is 1, and is the identity at inference', () => {
    const x = tf.zeros([50, 8, 4]);
    const layer = st.layers.alphaDropout({ rate: 0.5, noiseShape: [null, 1, null] });
    const y = run(layer, x, true);
    for (let s = 0; s < 50; s++) {
      for (let c = 0; c < 4; c++) {
        const column = Array.from({ length: 8 }, (_, t) => y[s * 32 + t * 4 + c]);
        expect(new Set(column).size).toBe(1);
      }
    }
    expect(run(layer, x, false).every((v) => v === 0)).toBe(true);
    expect(layer.getConfig()).toMatchObject({ rate: 0.5, noiseShape: [null, 1, null], seed: null });
    x.dispose();
  });

  it('refuses a rate outside [0, 1)', () => {
    for (const rate of [-0.1, 1]) expect(() => st.layers.alphaDropout({ rate })).toThrow(/AlphaDropout .*'rate' must be a number in \[0, 1\)/);
  });
});
