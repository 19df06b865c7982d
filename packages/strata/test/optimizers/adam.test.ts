import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { ValueError } from '../../src/errors.js';
import { Adam } from '../../src/optimizers/adam.js';
import { expectClose, maxDiff, quadraticGradJs, quadraticGradTf, values } from './helpers.js';

const W0 = [1.0, 2.0, -3.0];

type AdamHyper = { lr: number; beta1: number; beta2: number; epsilon: number; amsgrad: boolean };
const DEFAULTS: AdamHyper = { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false };

/** The Keras 3 Adam rule in plain JS (bias correction folded into the step size). */
function runJs(h: AdamHyper, steps: number, gradients?: (k: number, w: number[]) => number[]): number[][] {
  const w = [...W0];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  const vHat = [0, 0, 0];
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = gradients ? gradients(k, w) : quadraticGradJs(w);
    const t = k + 1;
    const alpha = (h.lr * Math.sqrt(1 - h.beta2 ** t)) / (1 - h.beta1 ** t);
    for (let i = 0; i < 3; i++) {
      m[i] += (g[i] - m[i]) * (1 - h.beta1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - h.beta2);
      vHat[i] = Math.max(vHat[i], v[i]);
      const second = h.amsgrad ? vHat[i] : v[i];
      w[i] -= (alpha * m[i]) / (Math.sqrt(second) + h.epsilon);
    }
    out.push([...w]);
  }
  return out;
}

function runTf(opt: Adam, steps: number, gradients?: (k: number) => number[]): number[][] {
  const w = tf.variable(tf.tensor1d(W0));
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = gradients ? tf.tensor1d(gradients(k)) : quadraticGradTf(w);
    opt.applyGradients([{ variable: w, gradient: g }]);
    g.dispose();
    out.push(values(w));
  }
  w.dispose();
  opt.dispose();
  return out;
}

describe('Adam', () => {
  it('follows the Keras 3 update rule with default hyper-parameters', () => {
    const got = runTf(new Adam(), 5);
    const want = runJs(DEFAULTS, 5);
    got.forEach((w, k) => expectClose(w, want[k]));
  });

  it('follows the rule with custom hyper-parameters on a quadratic loss', () => {
    const h: AdamHyper = { lr: 0.1, beta1: 0.8, beta2: 0.95, epsilon: 1e-3, amsgrad: false };
    const got = runTf(new Adam({ learningRate: 0.1, beta1: 0.8, beta2: 0.95, epsilon: 1e-3 }), 8);
    const want = runJs(h, 8);
    got.forEach((w, k) => expectClose(w, want[k]));
  });

  it('amsgrad keeps vhat = max(vhat, v) and divides by it', () => {
    // Gradients that shrink sharply make v fall below its running maximum, so amsgrad differs.
    const grads = [[4, -3, 2], [4, -3, 2], [0.1, 0.1, -0.1], [0.1, -0.1, 0.1], [0.05, 0.05, 0.05]];
    const h: AdamHyper = { lr: 0.1, beta1: 0.5, beta2: 0.5, epsilon: 1e-7, amsgrad: true };
    const got = runTf(new Adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.5, amsgrad: true }), 5, (k) => grads[k]);
    const want = runJs(h, 5, (k) => grads[k]);
    got.forEach((w, k) => expectClose(w, want[k]));
    const plain = runJs({ ...h, amsgrad: false }, 5, (k) => grads[k]);
    expect(maxDiff(want[4], plain[4])).toBeGreaterThan(1e-2);
  });

  it('names and orders its state like Keras 3: momentum/velocity per variable, then velocity hats', () => {
    const a = tf.variable(tf.zeros([2]));
    const b = tf.variable(tf.zeros([3]));
    const opt = new Adam({ amsgrad: true });
    expect(opt.getWeights([a, b], ['dense/kernel', 'dense/bias']).map((w) => w.name)).toEqual([
      'iteration',
      'learning_rate',
      'dense_kernel_momentum',
      'dense_kernel_velocity',
      'dense_bias_momentum',
      'dense_bias_velocity',
      'dense_kernel_velocity_hat',
      'dense_bias_velocity_hat',
    ]);
    opt.dispose();
    a.dispose();
    b.dispose();
  });

  it('has Keras defaults and config keys, and round-trips its config', () => {
    const opt = new Adam();
    expect(opt.getConfig()).toEqual({
      name: 'adam',
      learningRate: 0.001,
      weightDecay: null,
      clipnorm: null,
      globalClipnorm: null,
      clipvalue: null,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(opt.getClassName()).toBe('Adam');
    const custom = new Adam({ learningRate: 0.02, beta1: 0.5, beta2: 0.9, epsilon: 1e-4, amsgrad: true, globalClipnorm: 3 });
    const copy = Adam.fromConfig(custom.getConfig());
    expect(copy.getConfig()).toEqual(custom.getConfig());
    [opt, custom, copy].forEach((o) => o.dispose());
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => new Adam({ learningRate: -1 })).toThrow(ValueError);
    expect(() => new Adam({ beta1: 1 })).toThrow(/beta1.*\[0, 1\)/);
    expect(() => new Adam({ beta2: -0.1 })).toThrow(/beta2/);
    expect(() => new Adam({ epsilon: -1 })).toThrow(/epsilon/);
    expect(() => new Adam({ clipnorm: -2 })).toThrow(/clipnorm/);
    expect(() => Adam.fromConfig({ amsgrad: 'yes' })).toThrow(/amsgrad/);
  });
});
