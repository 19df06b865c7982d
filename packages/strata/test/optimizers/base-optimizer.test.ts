// The shared work of BaseOptimizer, exercised through SGD and Adam: clipping, weight decay,
// slots keyed by variable, state save/resume, schedules, tensor hygiene.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { StateError, ValueError } from '../../src/errors.js';
import { Adam } from '../../src/optimizers/adam.js';
import { SGD } from '../../src/optimizers/sgd.js';
import type { BaseOptimizer } from '../../src/optimizers/base-optimizer.js';
import type { LearningRateSchedule } from '../../src/optimizers/schedules/learning-rate-schedule.js';
import { registerClass } from '../../src/saving/serialization.js';
import { expectClose, quadraticGradTf, values } from './helpers.js';

/** One step of `opt` on fresh variables with fixed gradients; returns the new values. */
function oneStep(opt: BaseOptimizer, init: number[][], grads: number[][]): number[][] {
  const vars = init.map((w) => tf.variable(tf.tensor1d(w)));
  const gs = grads.map((g) => tf.tensor1d(g));
  opt.applyGradients(vars.map((variable, i) => ({ variable, gradient: gs[i] })));
  const out = vars.map(values);
  [...vars, ...gs].forEach((t) => t.dispose());
  opt.dispose();
  return out;
}

describe('gradient clipping', () => {
  it('clipnorm rescales each gradient to at most that L2 norm, separately', () => {
    // ||[3, 4, 0]|| = 5 -> [0.6, 0.8, 0]; ||[0.3, 0.4, 0]|| = 0.5 is left alone.
    const [a, b] = oneStep(new SGD({ learningRate: 1, clipnorm: 1 }), [[0, 0, 0], [0, 0, 0]], [[3, 4, 0], [0.3, 0.4, 0]]);
    expectClose(a, [-0.6, -0.8, 0]);
    expectClose(b, [-0.3, -0.4, 0]);
  });

  it('clipvalue clips each element into [-v, v]', () => {
    const [a] = oneStep(new SGD({ learningRate: 1, clipvalue: 0.5 }), [[0, 0, 0]], [[3, -4, 0.2]]);
    expectClose(a, [-0.5, 0.5, -0.2]);
  });

  it('globalClipnorm scales all gradients by one factor c / max(global norm, c)', () => {
    // Global norm of [3, 0, 0] and [0, 4, 0] is 5; with c = 1 both are scaled by 0.2.
    const [a, b] = oneStep(new SGD({ learningRate: 1, globalClipnorm: 1 }), [[0, 0, 0], [0, 0, 0]], [[3, 0, 0], [0, 4, 0]]);
    expectClose(a, [-0.6, 0, 0]);
    expectClose(b, [0, -0.8, 0]);
    // Under the global norm nothing changes.
    const [c, d] = oneStep(new SGD({ learningRate: 1, globalClipnorm: 10 }), [[0, 0, 0], [0, 0, 0]], [[3, 0, 0], [0, 4, 0]]);
    expectClose(c, [-3, 0, 0]);
    expectClose(d, [0, -4, 0]);
  });

  it('clipping happens before Adam sees the gradient', () => {
    // Adam's first step is lr * g / (|g| + eps') per element up to bias correction, so compare
    // against the step Adam takes on the pre-clipped gradient instead.
    const [clipped] = oneStep(new Adam({ learningRate: 0.1, clipvalue: 0.5 }), [[0, 0, 0]], [[3, -0.2, 0.4]]);
    const [manual] = oneStep(new Adam({ learningRate: 0.1 }), [[0, 0, 0]], [[0.5, -0.2, 0.4]]);
    expectClose(clipped, manual);
  });
});

describe('weight decay', () => {
  it('applies w -= w * weightDecay * lr before the update (SGD)', () => {
    // w = [1, 2, -3], lr = 0.1, wd = 0.5: decay gives w * 0.95, then w -= 0.1 * g.
    const g = [1, -1, 0.5];
    const [w] = oneStep(new SGD({ learningRate: 0.1, weightDecay: 0.5 }), [[1, 2, -3]], [g]);
    expectClose(w, [1 * 0.95 - 0.1 * 1, 2 * 0.95 + 0.1, -3 * 0.95 - 0.05]);
  });

  it('decays with Adam too, independent of the gradient statistics', () => {
    const [decayed] = oneStep(new Adam({ learningRate: 0.1, weightDecay: 0.2 }), [[1, 2, -3]], [[1, -1, 0.5]]);
    const [plain] = oneStep(new Adam({ learningRate: 0.1 }), [[1, 2, -3]], [[1, -1, 0.5]]);
    // The difference is exactly the decay term w0 * wd * lr = w0 * 0.02.
    expectClose(decayed.map((x, i) => plain[i] - x), [0.02, 0.04, -0.06], 1e-4);
  });
});

describe('slots are keyed by variable, not by position', () => {
  it('gives the same result whatever order the pairs come in', () => {
    const run = (orders: number[][]): number[][] => {
      const vars = [tf.variable(tf.tensor1d([1, 2, 3])), tf.variable(tf.tensor1d([-1, 0.5, 4]))];
      const grads = [[0.3, -0.2, 1], [-2, 0.1, 0.7]];
      const opt = new Adam({ learningRate: 0.05 });
      for (const order of orders) {
        const gs = grads.map((g, i) => tf.mul(tf.tensor1d(g), order.length + i));
        opt.applyGradients(order.map((i) => ({ variable: vars[i], gradient: gs[i] })));
        gs.forEach((g) => g.dispose());
      }
      const out = vars.map(values);
      vars.forEach((v) => v.dispose());
      opt.dispose();
      return out;
    };
    const fixed = run([[0, 1], [0, 1], [0, 1]]);
    const shuffled = run([[0, 1], [1, 0], [1, 0]]);
    expectClose(shuffled[0], fixed[0]);
    expectClose(shuffled[1], fixed[1]);
  });

  it('builds slots lazily for variables first seen in a later step', () => {
    const a = tf.variable(tf.tensor1d([1, 1, 1]));
    const b = tf.variable(tf.tensor1d([2, 2, 2]));
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const g = tf.ones([3]);
    opt.applyGradients([{ variable: a, gradient: g }]);
    opt.applyGradients([{ variable: a, gradient: g }, { variable: b, gradient: g }]);
    // a: m1 = -0.1, w = 0.9; m2 = -0.09 - 0.1 = -0.19, w = 0.71. b: first step, w = 1.9.
    expectClose(values(a), [0.71, 0.71, 0.71]);
    expectClose(values(b), [1.9, 1.9, 1.9]);
    expectClose(values(opt.getSlot(b, 'momentum')), [-0.1, -0.1, -0.1]);
    expect(() => opt.getSlot(b, 'velocity')).toThrow(/no slot 'velocity'/);
    [a, b, g].forEach((t) => t.dispose());
    opt.dispose();
  });
});

describe('state save and resume', () => {
  it('getWeights/setWeights resumes training identically', () => {
    const make = () => new Adam({ learningRate: 0.05, amsgrad: true });
    const step = (opt: BaseOptimizer, w: tf.Variable) => {
      const g = quadraticGradTf(w);
      opt.applyGradients([{ variable: w, gradient: g }]);
      g.dispose();
    };
    const w = tf.variable(tf.tensor1d([1, 2, -3]));
    const opt = make();
    for (let k = 0; k < 3; k++) step(opt, w);
    const savedW = tf.clone(w);
    const saved = opt.getWeights([w], ['w']).map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) }));
    expect(saved.map((s) => s.name)).toEqual(['iteration', 'learning_rate', 'w_momentum', 'w_velocity', 'w_velocity_hat']);
    expect(values(saved[0].tensor)).toEqual([3]);
    for (let k = 0; k < 2; k++) step(opt, w);

    const w2 = tf.variable(savedW);
    const resumed = make();
    resumed.setWeights([w2], saved.map((s) => s.tensor));
    expect(values(resumed.iterations)).toEqual([3]);
    for (let k = 0; k < 2; k++) step(resumed, w2);
    expectClose(values(w2), values(w), 1e-6);
    // A fresh optimizer (no state) would land elsewhere: bias correction restarts at t = 1.
    const w3 = tf.variable(savedW);
    const fresh = make();
    for (let k = 0; k < 2; k++) step(fresh, w3);
    expect(Math.max(...values(w3).map((x, i) => Math.abs(x - values(w)[i])))).toBeGreaterThan(1e-3);

    [w, w2, w3, savedW, ...saved.map((s) => s.tensor)].forEach((t) => t.dispose());
    [opt, resumed, fresh].forEach((o) => o.dispose());
  });

  it('setWeights checks count and shapes before assigning anything', () => {
    const w = tf.variable(tf.zeros([3]));
    const opt = new SGD({ momentum: 0.5 });
    const bad = [tf.scalar(4, 'int32'), tf.scalar(0.5), tf.ones([2])];
    expect(() => opt.setWeights([w], [bad[0]])).toThrow(/expected 3 tensors \(iteration, learning_rate, .*_momentum\), found 1/);
    expect(() => opt.setWeights([w], bad)).toThrow(/weight '.*_momentum' has shape \[3\].*\[2\]/);
    expect(values(opt.iterations)).toEqual([0]);
    expect(opt.learningRate).toBe(0.01);
    const good = [tf.scalar(7, 'float32'), tf.scalar(0.5), tf.fill([3], 0.25)];
    opt.setWeights([w], good);
    expect(opt.iterations.dtype).toBe('int32');
    expect(values(opt.iterations)).toEqual([7]);
    // A restored fixed learning rate is state (Keras saves it too), mirrored on the host.
    expect(opt.learningRate).toBe(0.5);
    expectClose(values(opt.getSlot(w, 'momentum')), [0.25, 0.25, 0.25]);
    [w, ...bad, ...good].forEach((t) => t.dispose());
    opt.dispose();
  });
});

class HalvingSchedule implements LearningRateSchedule {
  static readonly className = 'Halving';
  calls = 0;
  valueAt(step: tf.Tensor): tf.Tensor {
    this.calls += 1;
    return tf.mul(0.1, tf.pow(0.5, tf.cast(step, 'float32')));
  }
  getClassName(): string {
    return 'Test>Halving';
  }
  getConfig() {
    return {};
  }
  static fromConfig(): HalvingSchedule {
    return new HalvingSchedule();
  }
}
registerClass(HalvingSchedule, { package: 'Test' });

describe('learning rate', () => {
  it('evaluates a schedule once per step at the iteration count', () => {
    const schedule = new HalvingSchedule();
    const opt = new SGD({ learningRate: schedule });
    const a = tf.variable(tf.tensor1d([0, 0, 0]));
    const b = tf.variable(tf.tensor1d([1, 1, 1]));
    const g = tf.ones([3]);
    for (let k = 0; k < 3; k++) opt.applyGradients([{ variable: a, gradient: g }, { variable: b, gradient: g }]);
    expect(schedule.calls).toBe(3);
    expect(values(opt.iterations)).toEqual([3]);
    const moved = -(0.1 + 0.05 + 0.025);
    expectClose(values(a), [moved, moved, moved]);
    expectClose(values(b), [1 + moved, 1 + moved, 1 + moved]);
    expect(opt.learningRate).toBeCloseTo(0.1 * 0.5 ** 3, 7);
    expect(() => {
      opt.learningRate = 0.5;
    }).toThrow(StateError);
    expect(opt.getConfig().learningRate).toEqual({ className: 'Test>Halving', config: {} });
    const copy = SGD.fromConfig(opt.getConfig());
    expect(copy.getConfig()).toEqual(opt.getConfig());
    [a, b, g].forEach((t) => t.dispose());
    [opt, copy].forEach((o) => o.dispose());
  });

  it('a fixed learning rate is settable between steps', () => {
    const opt = new SGD({ learningRate: 0.1 });
    const w = tf.variable(tf.tensor1d([0, 0, 0]));
    const g = tf.ones([3]);
    opt.applyGradients([{ variable: w, gradient: g }]);
    opt.learningRate = 0.01;
    expect(opt.learningRate).toBe(0.01);
    expect(opt.getConfig().learningRate).toBe(0.01);
    opt.applyGradients([{ variable: w, gradient: g }]);
    expectClose(values(w), [-0.11, -0.11, -0.11]);
    expect(() => {
      opt.learningRate = -1;
    }).toThrow(/learningRate/);
    [w, g].forEach((t) => t.dispose());
    opt.dispose();
  });

  it('rejects a learning rate that is neither a number nor a schedule', () => {
    expect(() => SGD.fromConfig({ learningRate: 'fast' })).toThrow(/learningRate/);
    expect(() => SGD.fromConfig({ learningRate: { className: 'NoSuchSchedule', config: {} } })).toThrow(/NoSuchSchedule/);
  });
});

describe('tensor hygiene', () => {
  afterEach(() => vi.restoreAllMocks());

  const configs: [string, () => BaseOptimizer][] = [
    ['SGD nesterov + weightDecay + clipnorm', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01, clipnorm: 1 })],
    ['Adam amsgrad + globalClipnorm + schedule', () => new Adam({ learningRate: new HalvingSchedule(), amsgrad: true, globalClipnorm: 1 })],
    ['Adam clipvalue', () => new Adam({ clipvalue: 0.1 })],
  ];
  for (const [label, make] of configs) {
    it(`leaks no tensors per step and frees everything on dispose: ${label}`, () => {
      const before = tf.memory().numTensors;
      // The initial values die in the tidy; the variables keep their own references.
      const vars = tf.tidy(() => [tf.variable(tf.tensor1d([1, 2, -3])), tf.variable(tf.tensor2d([[1, 2], [3, 4]]))]);
      const grads = [tf.tensor1d([0.5, -2, 3]), tf.tensor2d([[1, -1], [0.5, 0.25]])];
      const opt = make();
      const counts: number[] = [];
      for (let k = 0; k < 5; k++) {
        opt.applyGradients(vars.map((variable, i) => ({ variable, gradient: grads[i] })));
        counts.push(tf.memory().numTensors);
      }
      expect(counts.slice(1)).toEqual([counts[1], counts[1], counts[1], counts[1]]);
      opt.dispose();
      [...vars, ...grads].forEach((t) => t.dispose());
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('reads nothing back to the host during a step', () => {
    const opt = new Adam({ learningRate: new HalvingSchedule(), weightDecay: 0.1, clipnorm: 1 });
    const w = tf.variable(tf.tensor1d([1, 2, -3]));
    const g = tf.tensor1d([1, 2, 3]);
    const proto = tf.Tensor.prototype;
    const spies = [vi.spyOn(proto, 'dataSync'), vi.spyOn(proto, 'arraySync'), vi.spyOn(proto, 'data'), vi.spyOn(proto, 'array')];
    for (let k = 0; k < 3; k++) opt.applyGradients([{ variable: w, gradient: g }]);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    [w, g].forEach((t) => t.dispose());
    opt.dispose();
  });
});

describe('misuse', () => {
  it('names the variable when a gradient has the wrong shape or a variable is repeated', () => {
    const opt = new SGD();
    const w = tf.variable(tf.zeros([3]), true, 'misuse_w');
    const g = tf.zeros([2]);
    const g3 = tf.zeros([3]);
    expect(() => opt.applyGradients([{ variable: w, gradient: g }])).toThrow(/'misuse_w' has shape \[2\], expected .*\[3\]/);
    expect(() => opt.applyGradients([{ variable: w, gradient: g3 }, { variable: w, gradient: g3 }])).toThrow(
      /'misuse_w' is listed more than once/,
    );
    expect(values(opt.iterations)).toEqual([0]);
    opt.dispose();
    expect(() => opt.applyGradients([{ variable: w, gradient: g3 }])).toThrow(StateError);
    [w, g, g3].forEach((t) => t.dispose());
  });

  it('treats an empty gradient list as a no-op', () => {
    const opt = new SGD();
    opt.applyGradients([]);
    expect(values(opt.iterations)).toEqual([0]);
    opt.dispose();
  });

  it('rejects a getWeights path list of the wrong length', () => {
    const opt = new SGD();
    const w = tf.variable(tf.zeros([3]));
    expect(() => opt.getWeights([w], ['a', 'b'])).toThrow(ValueError);
    w.dispose();
    opt.dispose();
  });
});
