// BatchNormalization's arguments: gamma/beta regularizers and constraints, config, and errors.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const { tf } = st;

const X = [
  [1, 2, 3],
  [4, 5, 6],
  [-1, 0, 2],
  [0.5, -2, 1],
];
const GAMMA = [1, 2, 0.5];
const BETA = [0, 0.1, -0.2];

function weightByName(layer: st.Layer, suffix: string): number[] {
  const w = layer.weights.find((x) => x.name.endsWith(`/${suffix}`));
  if (!w) throw new Error(`no weight ${suffix}`);
  return Array.from(w.read().dataSync());
}

describe('BatchNormalization regularizers and constraints on gamma and beta', () => {
  it('adds the gamma/beta penalties to the loss', () => {
    const layer = st.layers.batchNormalization({ gammaRegularizer: st.regularizers.l2({ l2: 0.5 }), betaRegularizer: 'l1' });
    const x = tf.tensor2d(X);
    tf.dispose(layer.apply(x));
    const values = [tf.tensor1d(GAMMA), tf.tensor1d(BETA), tf.zeros([3]), tf.ones([3])];
    layer.setWeights(values);
    const penalties = layer.regularizationLosses();
    const losses = penalties.map((t) => t.dataSync()[0]);
    tf.dispose([...values, ...penalties]);
    expect(losses[0]).toBeCloseTo(0.5 * GAMMA.reduce((s, g) => s + g * g, 0), 5);
    expect(losses[1]).toBeCloseTo(0.01 * BETA.reduce((s, b) => s + Math.abs(b), 0), 6);
    x.dispose();
    layer.dispose();
  });

  it('projects beta after each step (nonNeg) and serializes the settings', async () => {
    // beta starts at 1 and one large step pushes it below 0, where NonNeg stops it.
    const bn = st.layers.batchNormalization({ betaInitializer: 'ones', betaConstraint: 'nonNeg', gammaConstraint: st.constraints.maxNorm({ maxValue: 1 }) });
    const model = st.sequential({ layers: [st.layers.inputLayer({ inputShape: [3] }), bn, st.layers.dense({ units: 1, kernelInitializer: 'ones' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 1 }), loss: 'mse' });
    const x = tf.tensor2d(X);
    const y = tf.fill([4, 1], -10); // pushes beta (and so the output) down
    await model.trainOnBatch(x, y);
    const beta = weightByName(bn, 'beta');
    expect(beta).toEqual([0, 0, 0]);
    const gamma = weightByName(bn, 'gamma');
    expect(Math.sqrt(gamma.reduce((s, g) => s + g * g, 0))).toBeLessThanOrEqual(1 + 1e-6);
    const config = bn.getConfig();
    expect(config.betaConstraint).toEqual({ className: 'NonNeg', config: {} });
    expect(config.gammaConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 1, axis: 0 } });
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('BatchNormalization config', () => {
  it('has the Keras 3 defaults', () => {
    const config = st.layers.batchNormalization().getConfig();
    expect(config).toMatchObject({
      axis: -1,
      momentum: 0.99,
      epsilon: 1e-3,
      center: true,
      scale: true,
      betaInitializer: { className: 'Zeros' },
      gammaInitializer: { className: 'Ones' },
      movingMeanInitializer: { className: 'Zeros' },
      movingVarianceInitializer: { className: 'Ones' },
      betaRegularizer: null,
      gammaRegularizer: null,
      betaConstraint: null,
      gammaConstraint: null,
    });
  });

  it('reads a tf.keras 2 one-element axis list and the synchronized flag', () => {
    const layer = st.layers.BatchNormalization.fromConfig({ axis: [1], synchronized: false, momentum: 0.9 });
    expect(layer.axis).toBe(1);
    expect(layer.getConfig().axis).toBe(1);
  });
});

describe('BatchNormalization errors', () => {
  it('refuses a momentum outside [0, 1], naming the argument', () => {
    for (const momentum of [-0.1, 1.5, Number.NaN]) {
      expect(() => st.layers.batchNormalization({ momentum })).toThrow(st.ValueError);
      expect(() => st.layers.batchNormalization({ momentum })).toThrow(/'momentum' must be a number in \[0, 1\], found/);
    }
  });

  it('refuses epsilon <= 0', () => {
    expect(() => st.layers.batchNormalization({ epsilon: 0 })).toThrow(/'epsilon' must be a finite number > 0, found 0/);
    expect(() => st.layers.batchNormalization({ epsilon: -1e-3 })).toThrow(/'epsilon'/);
  });

  it('refuses a non-integer axis at construction and an out-of-range axis at build', () => {
    expect(() => st.layers.batchNormalization({ axis: 1.5 })).toThrow(/'axis' must be an integer/);
    expect(() => st.layers.batchNormalization({ axis: [1, 2] as unknown as number })).toThrow(/'axis' must be one integer/);
    const x = tf.zeros([2, 3]);
    for (const axis of [2, -3, 0]) {
      const layer = st.layers.batchNormalization({ axis });
      expect(() => layer.apply(x)).toThrow(new RegExp(`'axis' ${axis} is out of range for an input of rank 2`));
    }
    x.dispose();
  });

  it('refuses an unknown axis size and a changed feature size', () => {
    const layer = st.layers.batchNormalization();
    const input = st.input({ shape: [null] });
    expect(() => layer.apply(input)).toThrow(/axis -1 of the input must have a known size/);
    const ok = st.layers.batchNormalization();
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    tf.dispose(ok.apply(a));
    expect(() => ok.apply(b)).toThrow(/expected axis 1 to have size 3, found 4/);
    tf.dispose([a, b]);
    ok.dispose();
  });

  it('refuses unknown initializer, regularizer and constraint names', () => {
    expect(() => st.layers.batchNormalization({ gammaRegularizer: 'l3' })).toThrow(st.UnknownNameError);
    expect(() => st.layers.batchNormalization({ betaConstraint: 'positive' })).toThrow(/Unknown constraint 'positive'/);
  });
});
