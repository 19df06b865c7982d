import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import {
  ACTIVATION_NAMES,
  getActivation,
  knownActivationNames,
  serializeActivation,
  type Activation,
  type ActivationName,
} from '../../src/activations/index.js';
import { UnknownNameError, ValueError } from '../../src/errors.js';

// Reference formulas in plain JS (float64), written from the Keras 3 docs, not from the code.
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const softplus = (v: number) => Math.log(1 + Math.exp(v));
const relu6 = (v: number) => Math.min(Math.max(v, 0), 6);
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
// erf(x) by its Maclaurin series (good to ~1e-10 for |x| <= 4 with 120 terms); beyond 4,
// 1 - |erf(x)| < 2e-8, below float32 resolution.
function erf(v: number): number {
  if (Math.abs(v) > 4) return Math.sign(v);
  let sum = 0;
  let term = v;
  for (let n = 0; n < 120; n++) {
    sum += term / (2 * n + 1);
    term *= (-v * v) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

const ELEMENTWISE: Record<Exclude<ActivationName, 'softmax' | 'logSoftmax'>, (v: number) => number> = {
  linear: (v) => v,
  relu: (v) => Math.max(v, 0),
  relu6,
  leakyRelu: (v) => (v >= 0 ? v : 0.2 * v),
  elu: (v) => (v > 0 ? v : Math.exp(v) - 1),
  selu: (v) => SELU_SCALE * (v > 0 ? v : SELU_ALPHA * (Math.exp(v) - 1)),
  sigmoid,
  hardSigmoid: (v) => (v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5),
  tanh: Math.tanh,
  softplus,
  softsign: (v) => v / (1 + Math.abs(v)),
  swish: (v) => v * sigmoid(v),
  hardSilu: (v) => (v < -3 ? 0 : v > 3 ? v : (v * (v + 3)) / 6),
  gelu: (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
  geluNew: (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
  mish: (v) => v * Math.tanh(softplus(v)),
  exponential: Math.exp,
};

// Points away from every kink (0, ±3, 6) so finite differences are meaningful.
const XS = [-4.2, -2.6, -0.9, -0.35, 0.45, 1.3, 2.7, 6.8];

function softmaxRef(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    expect(Math.abs(actual[i] - expected[i]) / scale, `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tol);
  }
}

describe('activation values match the hand formulas', () => {
  for (const [name, ref] of Object.entries(ELEMENTWISE)) {
    it(name, () => {
      const act = getActivation(name);
      const x = tf.tensor1d([...XS, -3, 0, 3, 6]);
      const y = act.apply(x);
      expectClose(y.dataSync(), [...XS, -3, 0, 3, 6].map(ref), 2e-6);
      expect(y.shape).toEqual([XS.length + 4]);
      tf.dispose([x, y]);
    });
  }

  it('softmax and logSoftmax work on the last axis', () => {
    const rows = [
      [1, 2, 3],
      [-1, 0.5, 4],
    ];
    const x = tf.tensor2d(rows);
    const sm = getActivation('softmax').apply(x);
    const lsm = getActivation('log_softmax').apply(x);
    const expected = rows.map(softmaxRef);
    expectClose(sm.dataSync(), expected.flat(), 1e-6);
    expectClose(lsm.dataSync(), expected.flat().map(Math.log), 1e-6);
    tf.dispose([x, sm, lsm]);
  });
});

describe('activation gradients match central finite differences', () => {
  // Loss = sum(w * f(x)) with unequal weights, so softmax (whose outputs sum to 1) has a
  // non-zero gradient.
  const W = XS.map((_, i) => 0.5 + 0.25 * i);
  const loss = (act: Activation, x: tf.Tensor) => tf.sum(tf.mul(act.apply(x), tf.tensor1d(W)));
  // The loss difference is summed in float64 from the two output vectors, so large outputs
  // elsewhere in the vector (exponential(6.8) ~ 900) do not drown the perturbed entry.
  const outputs = (act: Activation, xs: number[]) =>
    tf.tidy(() => Array.from(act.apply(tf.tensor1d(xs)).dataSync()));

  for (const name of ACTIVATION_NAMES) {
    it(name, () => {
      const act = getActivation(name);
      // softmax of values 11 apart is all but one-hot; use a narrower range there.
      const xs = name === 'softmax' || name === 'logSoftmax' ? XS.map((v) => v / 4) : XS;
      const x = tf.tensor1d(xs);
      const analytic = tf.grad((t: tf.Tensor) => loss(act, t))(x).dataSync();
      const h = 1e-3;
      const numeric = xs.map((_, i) => {
        const plus = xs.slice();
        const minus = xs.slice();
        plus[i] += h;
        minus[i] -= h;
        const yp = outputs(act, plus);
        const ym = outputs(act, minus);
        return W.reduce((acc, w, j) => acc + w * (yp[j] - ym[j]), 0) / (2 * h);
      });
      // float32 central differences of values up to ~1e3 (exponential) are good to ~1e-3 relative.
      expectClose(analytic, numeric, 5e-3);
      x.dispose();
    });
  }
});

describe('getActivation', () => {
  it('accepts tfjs camelCase and Keras snake_case spellings', () => {
    expect(getActivation('hard_sigmoid').name).toBe('hardSigmoid');
    expect(getActivation('hardSigmoid').name).toBe('hardSigmoid');
    expect(getActivation('log_softmax').name).toBe('logSoftmax');
    expect(getActivation('logSoftmax').name).toBe('logSoftmax');
    expect(getActivation('silu').name).toBe('swish');
    expect(getActivation('swish').name).toBe('swish');
    expect(getActivation('hard_swish').name).toBe('hardSilu');
    expect(getActivation('leaky_relu').name).toBe('leakyRelu');
    expect(getActivation('gelu_new').name).toBe('geluNew');
  });

  it('gives linear for null and undefined, and returns Activation objects as they are', () => {
    expect(getActivation(null).name).toBe('linear');
    expect(getActivation(undefined).name).toBe('linear');
    const custom: Activation = { name: 'relu', apply: (x) => x };
    expect(getActivation(custom)).toBe(custom);
  });

  it('names every known spelling when a name is unknown', () => {
    let error: unknown;
    try {
      getActivation('reluu');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownNameError);
    const message = (error as Error).message;
    expect(message).toContain("'reluu'");
    expect(message).toContain('activation');
    for (const name of ['relu', 'hard_sigmoid', 'hardSigmoid', 'log_softmax', 'silu', 'gelu']) {
      expect(message).toContain(name);
    }
    expect(knownActivationNames()).toContain('hard_swish');
  });

  it('rejects values that are neither names nor activations', () => {
    expect(() => getActivation(42 as unknown as string)).toThrow(ValueError);
  });
});

describe('serializeActivation', () => {
  it('writes Keras snake_case names', () => {
    const expected: Record<ActivationName, string> = {
      linear: 'linear',
      relu: 'relu',
      relu6: 'relu6',
      leakyRelu: 'leaky_relu',
      elu: 'elu',
      selu: 'selu',
      sigmoid: 'sigmoid',
      hardSigmoid: 'hard_sigmoid',
      legacyHardSigmoid: 'legacy_hard_sigmoid',
      tanh: 'tanh',
      softmax: 'softmax',
      logSoftmax: 'log_softmax',
      softplus: 'softplus',
      softsign: 'softsign',
      swish: 'swish',
      hardSilu: 'hard_silu',
      gelu: 'gelu',
      geluNew: 'gelu_new',
      mish: 'mish',
      exponential: 'exponential',
    };
    for (const name of ACTIVATION_NAMES) {
      const written = serializeActivation(getActivation(name));
      expect(written).toBe(expected[name]);
      // What is written reads back as the same activation.
      expect(getActivation(written).name).toBe(name);
    }
  });

  it('refuses activations without a built-in name', () => {
    const custom = { name: 'myAct', apply: (x: tf.Tensor) => x } as unknown as Activation;
    expect(() => serializeActivation(custom)).toThrow(/myAct/);
  });
});

describe('memory', () => {
  it('leaves only the output tensor alive', () => {
    const x = tf.tensor2d([
      [0.1, -0.2, 0.3],
      [1, 2, -3],
    ]);
    for (const name of ACTIVATION_NAMES) {
      const before = tf.memory().numTensors;
      const y = getActivation(name).apply(x);
      const created = name === 'linear' ? 0 : 1;
      expect(tf.memory().numTensors, name).toBe(before + created);
      if (y !== x) y.dispose();
    }
    x.dispose();
  });
});
