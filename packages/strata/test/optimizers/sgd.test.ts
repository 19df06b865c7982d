import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { ValueError } from '../../src/errors.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { expectClose, maxDiff, quadraticGradJs, quadraticGradTf, values } from './helpers.js';

const W0 = [1.0, 2.0, -3.0];

/** Runs `steps` SGD steps on the quadratic problem and returns w after each step. */
function runTf(opt: SGD, steps: number): number[][] {
  const w = tf.variable(tf.tensor1d(W0));
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = quadraticGradTf(w);
    opt.applyGradients([{ variable: w, gradient: g }]);
    g.dispose();
    out.push(values(w));
  }
  w.dispose();
  opt.dispose();
  return out;
}

/** The Keras 3 SGD rule in plain JS. */
function runJs(lr: number, momentum: number, nesterov: boolean, steps: number): number[][] {
  const w = [...W0];
  const m = [0, 0, 0];
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = quadraticGradJs(w);
    for (let i = 0; i < 3; i++) {
      if (momentum === 0) {
        w[i] -= lr * g[i];
      } else {
        m[i] = momentum * m[i] - lr * g[i];
        w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
      }
    }
    out.push([...w]);
  }
  return out;
}

describe('SGD', () => {
  it('plain gradient descent follows w -= lr * g', () => {
    const got = runTf(new SGD({ learningRate: 0.1 }), 5);
    const want = runJs(0.1, 0, false, 5);
    got.forEach((w, k) => expectClose(w, want[k]));
  });

  it('momentum follows m = momentum*m - lr*g; w += m', () => {
    const got = runTf(new SGD({ learningRate: 0.05, momentum: 0.9 }), 6);
    const want = runJs(0.05, 0.9, false, 6);
    got.forEach((w, k) => expectClose(w, want[k]));
    // Momentum must actually change the trajectory compared with plain SGD.
    expect(maxDiff(want[5], runJs(0.05, 0, false, 6)[5])).toBeGreaterThan(1e-2);
  });

  it('nesterov follows w += momentum*m - lr*g', () => {
    const got = runTf(new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }), 6);
    const want = runJs(0.05, 0.9, true, 6);
    got.forEach((w, k) => expectClose(w, want[k]));
    expect(maxDiff(want[2], runJs(0.05, 0.9, false, 6)[2])).toBeGreaterThan(0.1);
  });

  it('creates a momentum slot only when momentum > 0', () => {
    const w = tf.variable(tf.tensor1d(W0));
    const plain = new SGD();
    const withMomentum = new SGD({ momentum: 0.5 });
    expect(plain.getWeights([w], ['w']).map((x) => x.name)).toEqual(['iteration', 'learning_rate']);
    expect(withMomentum.getWeights([w], ['dense/kernel']).map((x) => x.name)).toEqual(['iteration', 'learning_rate', 'dense_kernel_momentum']);
    plain.dispose();
    withMomentum.dispose();
    w.dispose();
  });

  it('has Keras defaults and config keys, and round-trips its config', () => {
    const opt = new SGD();
    expect(opt.getConfig()).toEqual({
      name: 'SGD',
      learningRate: 0.01,
      weightDecay: null,
      clipnorm: null,
      globalClipnorm: null,
      clipvalue: null,
      momentum: 0,
      nesterov: false,
    });
    expect(opt.getClassName()).toBe('SGD');
    const custom = new SGD({ learningRate: 0.3, momentum: 0.8, nesterov: true, clipvalue: 2, weightDecay: 0.01, name: 'opt' });
    const copy = SGD.fromConfig(custom.getConfig());
    expect(copy.getConfig()).toEqual(custom.getConfig());
    expect(copy.getConfig().nesterov).toBe(true);
    [opt, custom, copy].forEach((o) => o.dispose());
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => new SGD({ learningRate: -0.1 })).toThrow(ValueError);
    expect(() => new SGD({ learningRate: -0.1 })).toThrow(/learningRate/);
    expect(() => new SGD({ momentum: 1.5 })).toThrow(/momentum.*\[0, 1\].*1\.5/);
    expect(() => new SGD({ momentum: -0.1 })).toThrow(/momentum/);
    expect(() => new SGD({ clipnorm: 0 })).toThrow(/clipnorm/);
    expect(() => new SGD({ clipvalue: -1 })).toThrow(/clipvalue/);
    expect(() => new SGD({ globalClipnorm: 0 })).toThrow(/globalClipnorm/);
    expect(() => new SGD({ weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => new SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/only one of/);
    expect(() => SGD.fromConfig({ momentum: 0.5, beta1: 0.9 })).toThrow(/unknown config key `beta1`/);
  });

  it('accepts Keras-only config keys at their inert values and rejects them otherwise', () => {
    const keras = { name: 'SGD', learningRate: 0.01, momentum: 0.0, nesterov: false, useEma: false, emaMomentum: 0.99, emaOverwriteFrequency: null, lossScaleFactor: null, gradientAccumulationSteps: null };
    const opt = SGD.fromConfig(keras);
    expect(opt.momentum).toBe(0);
    opt.dispose();
    expect(() => SGD.fromConfig({ ...keras, useEma: true })).toThrow(/useEma/);
    expect(() => SGD.fromConfig({ ...keras, gradientAccumulationSteps: 4 })).toThrow(/gradientAccumulationSteps/);
  });
});
