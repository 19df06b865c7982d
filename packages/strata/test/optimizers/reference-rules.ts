// The update rules of Keras 3's optimizers (`keras/src/optimizers/*.py`, update_step) written
// out in plain JS, and runners that drive Strata, tfjs-core or these rules on one small problem.
import { expect } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import type { BaseOptimizer } from '../../src/optimizers/index.js';
import { expectClose, values } from './helpers.js';

// Two variables, each pulled towards its own target by the loss sum((w - C)^2): g = 2 (w - C).
export const INITS = [[1.0, 2.0, -3.0], [0.5, -0.25]];
export const TARGETS = [[0.5, -1.5, 2.0], [-1, 3]];

/** One step of a rule in plain JS: updates `w` in place for step t (1-based) at rate lr. */
export type JsStep = (w: number[], g: number[], lr: number, t: number) => void;
export type Options = { steps?: number; lr?: (k: number) => number; clipvalue?: number; weightDecay?: number };

/** Runs a fresh JS rule per variable; returns every variable after each step. */
export function runJs(makeStep: (size: number) => JsStep, opts: Options): number[][][] {
  const ws = INITS.map((w) => [...w]);
  const rules = ws.map((w) => makeStep(w.length));
  const out: number[][][] = [];
  for (let k = 0; k < (opts.steps ?? 6); k++) {
    const lr = opts.lr!(k);
    ws.forEach((w, v) => {
      let g = w.map((x, i) => 2 * (x - TARGETS[v][i]));
      if (opts.clipvalue !== undefined) g = g.map((x) => Math.min(Math.max(x, -opts.clipvalue!), opts.clipvalue!));
      if (opts.weightDecay !== undefined) for (let i = 0; i < w.length; i++) w[i] -= w[i] * opts.weightDecay * lr;
      rules[v](w, g, lr, k + 1);
    });
    out.push(ws.map((w) => [...w]));
  }
  return out;
}

export function runStrata(opt: BaseOptimizer, steps = 6): number[][][] {
  // tf.variable keeps its own copy; the tidy frees the initial tensors.
  const vars = tf.tidy(() => INITS.map((w) => tf.variable(tf.tensor1d(w))));
  const targets = TARGETS.map((c) => tf.tensor1d(c));
  const out: number[][][] = [];
  for (let k = 0; k < steps; k++) {
    const grads = vars.map((w, i) => tf.tidy(() => tf.mul(2, tf.sub(w, targets[i]))));
    opt.applyGradients(vars.map((variable, i) => ({ variable, gradient: grads[i] })));
    tf.dispose(grads);
    out.push(vars.map(values));
  }
  tf.dispose([...vars, ...targets]);
  opt.dispose();
  return out;
}

/** The same problem driven by a tfjs-core optimizer (gradients keyed by variable name). */
export function runTfjs(opt: tf.Optimizer, steps = 6): number[][][] {
  const vars = tf.tidy(() => INITS.map((w) => tf.variable(tf.tensor1d(w))));
  const targets = TARGETS.map((c) => tf.tensor1d(c));
  const out: number[][][] = [];
  for (let k = 0; k < steps; k++) {
    const grads = vars.map((w, i) => tf.tidy(() => tf.mul(2, tf.sub(w, targets[i]))));
    opt.applyGradients(Object.fromEntries(vars.map((w, i) => [w.name, grads[i]])));
    tf.dispose(grads);
    out.push(vars.map(values));
  }
  tf.dispose([...vars, ...targets]);
  opt.dispose();
  return out;
}

/**
 * Relative 1e-5 by default. The Adam family computes 1 - beta2^t in float32, which for
 * beta2 = 0.999 carries a relative error of ~1e-4 (cancellation), as in Keras; those tests add
 * an absolute tolerance of 1e-5, small against their steps (~0.05) and against any rule error.
 */
export function expectSame(got: number[][][], want: number[][][], rtol = 1e-5, atol = 1e-7): void {
  expect(got.length).toBe(want.length);
  got.forEach((step, k) => step.forEach((w, v) => expectClose(w, want[k][v], rtol, atol)));
}

export const constant = (lr: number) => () => lr;
export const zeros = (n: number) => new Array<number>(n).fill(0);

// ---- The published rules (Keras 3 `keras/src/optimizers/*.py` update_step), in plain JS ----

export const adagradJs = (init: number, eps: number) => (n: number): JsStep => {
  const acc = new Array<number>(n).fill(init);
  return (w, g, lr) => {
    for (let i = 0; i < n; i++) {
      acc[i] += g[i] * g[i];
      w[i] -= (lr * g[i]) / Math.sqrt(acc[i] + eps);
    }
  };
};

export const adadeltaJs = (rho: number, eps: number) => (n: number): JsStep => {
  const accG = zeros(n);
  const accD = zeros(n);
  return (w, g, lr) => {
    for (let i = 0; i < n; i++) {
      accG[i] = rho * accG[i] + (1 - rho) * g[i] * g[i];
      const delta = (-Math.sqrt(accD[i] + eps) * g[i]) / Math.sqrt(accG[i] + eps);
      accD[i] = rho * accD[i] + (1 - rho) * delta * delta;
      w[i] += lr * delta;
    }
  };
};

export const rmspropJs = (rho: number, momentum: number, eps: number, centered: boolean) => (n: number): JsStep => {
  const v = zeros(n);
  const m = zeros(n);
  const a = zeros(n);
  return (w, g, lr) => {
    for (let i = 0; i < n; i++) {
      v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
      let denom = v[i] + eps;
      if (centered) {
        a[i] = rho * a[i] + (1 - rho) * g[i];
        denom = v[i] - a[i] * a[i] + eps;
      }
      const inc = (lr * g[i]) / Math.sqrt(denom);
      if (momentum > 0) {
        m[i] = momentum * m[i] + inc;
        w[i] -= m[i];
      } else {
        w[i] -= inc;
      }
    }
  };
};

/** Textbook Adam (bias-corrected moments); with epsilon 0 it equals Keras' folded form. */
export const adamTextbookJs = (b1: number, b2: number) => (n: number): JsStep => {
  const m = zeros(n);
  const v = zeros(n);
  return (w, g, lr, t) => {
    for (let i = 0; i < n; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / (1 - b1 ** t))) / Math.sqrt(v[i] / (1 - b2 ** t));
    }
  };
};

export const adamaxJs = (b1: number, b2: number, eps: number) => (n: number): JsStep => {
  const m = zeros(n);
  const u = zeros(n);
  return (w, g, lr, t) => {
    for (let i = 0; i < n; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
      w[i] -= ((lr / (1 - b1 ** t)) * m[i]) / (u[i] + eps);
    }
  };
};

/** Nadam with Keras' momentum schedule mu_t = b1 (1 - 0.5 * 0.96^t) and its running product. */
export const nadamJs = (b1: number, b2: number, eps: number) => (n: number): JsStep => {
  const m = zeros(n);
  const v = zeros(n);
  let product = 1;
  const mu = (t: number) => b1 * (1 - 0.5 * 0.96 ** t);
  return (w, g, lr, t) => {
    product *= mu(t);
    const productNext = product * mu(t + 1);
    for (let i = 0; i < n; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const mHat = (mu(t + 1) * m[i]) / (1 - productNext) + ((1 - mu(t)) * g[i]) / (1 - product);
      const vHat = v[i] / (1 - b2 ** t);
      w[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  };
};

export const lionJs = (b1: number, b2: number) => (n: number): JsStep => {
  const m = zeros(n);
  return (w, g, lr) => {
    for (let i = 0; i < n; i++) {
      w[i] -= lr * Math.sign(b1 * m[i] + (1 - b1) * g[i]);
      m[i] = b2 * m[i] + (1 - b2) * g[i];
    }
  };
};

