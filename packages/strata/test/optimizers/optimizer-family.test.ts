// The Keras 3 optimizer family against its published update rules (reference-rules.ts), and,
// where tfjs-core has the same rule, against tfjs-core's own optimizer, for several steps on a
// small quadratic problem with two variables.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { ValueError } from '../../src/errors.js';
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Lion,
  Nadam,
  RMSprop,
  getOptimizer,
  type BaseOptimizer,
} from '../../src/optimizers/index.js';
import '../../src/optimizers/register.js';
import { deserialize, serialize } from '../../src/saving/serialization.js';
import { expectClose, maxDiff, values } from './helpers.js';
import {
  adadeltaJs,
  adagradJs,
  adamTextbookJs,
  adamaxJs,
  constant,
  expectSame,
  lionJs,
  nadamJs,
  rmspropJs,
  runJs,
  runStrata,
  runTfjs,
} from './reference-rules.js';

describe('Adagrad', () => {
  it('acc += g^2; w -= lr g / sqrt(acc + eps), accumulators starting at 0.1 (Keras defaults)', () => {
    const want = runJs(adagradJs(0.1, 1e-7), { lr: constant(0.001) });
    expectSame(runStrata(new Adagrad()), want);
  });
  it('custom initial accumulator and epsilon; matches tfjs-core adagrad', () => {
    const want = runJs(adagradJs(0.5, 1e-3), { lr: constant(0.3) });
    expectSame(runStrata(new Adagrad({ learningRate: 0.3, initialAccumulatorValue: 0.5, epsilon: 1e-3 })), want);
    expectSame(runStrata(new Adagrad({ learningRate: 0.3 })), runTfjs(tf.train.adagrad(0.3)));
  });
});

describe('Adadelta', () => {
  it('follows the rms-ratio rule (Keras defaults rho 0.95, lr 0.001)', () => {
    expectSame(runStrata(new Adadelta()), runJs(adadeltaJs(0.95, 1e-7), { lr: constant(0.001) }));
  });
  // tfjs-core's adadelta divides by the accumulator from before this step's gradient (its first
  // step is w -= lr * g), so it is no reference here; docs/optimizers.md lists the difference.
  it('custom rho and epsilon', () => {
    expectSame(runStrata(new Adadelta({ learningRate: 1, rho: 0.8, epsilon: 1e-3 })), runJs(adadeltaJs(0.8, 1e-3), { lr: constant(1) }));
  });
});

describe('RMSprop', () => {
  it('plain: v = rho v + (1 - rho) g^2; w -= lr g / sqrt(v + eps)', () => {
    expectSame(runStrata(new RMSprop({ learningRate: 0.01 })), runJs(rmspropJs(0.9, 0, 1e-7, false), { lr: constant(0.01) }));
  });
  it('momentum accumulates the increments; matches tfjs-core rmsprop', () => {
    const want = runJs(rmspropJs(0.8, 0.5, 1e-7, false), { lr: constant(0.01) });
    expectSame(runStrata(new RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5 })), want);
    expectSame(runStrata(new RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5 })), runTfjs(tf.train.rmsprop(0.01, 0.8, 0.5)));
    expect(maxDiff(want[5][0], runJs(rmspropJs(0.8, 0, 1e-7, false), { lr: constant(0.01) })[5][0])).toBeGreaterThan(1e-3);
  });
  it('centered subtracts the squared mean gradient: denominator v - a^2 + eps', () => {
    const want = runJs(rmspropJs(0.9, 0.3, 1e-3, true), { lr: constant(0.01) });
    expectSame(runStrata(new RMSprop({ learningRate: 0.01, momentum: 0.3, epsilon: 1e-3, centered: true })), want);
    expect(maxDiff(want[5][0], runJs(rmspropJs(0.9, 0.3, 1e-3, false), { lr: constant(0.01) })[5][0])).toBeGreaterThan(1e-3);
  });
  it('creates only the slots its options use, in Keras order', () => {
    const w = tf.variable(tf.zeros([2]));
    const names = (opt: BaseOptimizer) => {
      const out = opt.getWeights([w], ['d/k']).map((x) => x.name);
      opt.dispose();
      return out;
    };
    expect(names(new RMSprop())).toEqual(['iteration', 'learning_rate', 'd_k_velocity']);
    expect(names(new RMSprop({ momentum: 0.9, centered: true }))).toEqual([
      'iteration',
      'learning_rate',
      'd_k_velocity',
      'd_k_momentum',
      'd_k_average_gradient',
    ]);
    w.dispose();
  });
});

describe('AdamW', () => {
  it('is Adam plus decoupled decay w -= w * wd * lr before the update (Keras default wd 0.004)', () => {
    // With epsilon 0 Keras' folded Adam equals the textbook form, an independent statement.
    const want = runJs(adamTextbookJs(0.9, 0.999), { lr: constant(0.05), weightDecay: 0.004 });
    expectSame(runStrata(new AdamW({ learningRate: 0.05, epsilon: 0 })), want, 1e-5, 1e-5);
    const strong = runJs(adamTextbookJs(0.8, 0.99), { lr: constant(0.05), weightDecay: 0.5 });
    expectSame(runStrata(new AdamW({ learningRate: 0.05, weightDecay: 0.5, beta1: 0.8, beta2: 0.99, epsilon: 0 })), strong, 1e-5, 1e-6);
    const adam = runStrata(new Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 0 }));
    expect(maxDiff(adam[5][0], strong[5][0])).toBeGreaterThan(1e-2);
  });
  it('has its own class name, name, defaults and config', () => {
    const opt = new AdamW();
    expect(opt.getClassName()).toBe('AdamW');
    expect(opt.getConfig()).toMatchObject({ name: 'adamw', weightDecay: 0.004, learningRate: 0.001, beta1: 0.9, epsilon: 1e-7 });
    const copy = deserialize<AdamW>(serialize(opt));
    expect(copy).toBeInstanceOf(AdamW);
    expect(copy.getConfig()).toEqual(opt.getConfig());
    expect(() => new AdamW({ weightDecay: null })).toThrow(/weightDecay/);
    [opt, copy].forEach((o) => o.dispose());
  });
});

describe('Adamax', () => {
  it('u = max(beta2 u, |g|); w -= lr / (1 - beta1^t) * m / (u + eps)', () => {
    expectSame(runStrata(new Adamax({ learningRate: 0.1 })), runJs(adamaxJs(0.9, 0.999, 1e-7), { lr: constant(0.1) }));
    expectSame(runStrata(new Adamax({ learningRate: 0.1, beta1: 0.5, beta2: 0.7 })), runJs(adamaxJs(0.5, 0.7, 1e-7), { lr: constant(0.1) }));
  });
  it('matches tfjs-core adamax', () => {
    expectSame(runStrata(new Adamax({ learningRate: 0.1, beta1: 0.5, beta2: 0.7 })), runTfjs(tf.train.adamax(0.1, 0.5, 0.7)));
  });
});

describe('Nadam', () => {
  it("follows Keras' Nadam with its momentum schedule for several steps", () => {
    expectSame(runStrata(new Nadam({ learningRate: 0.05 }), 8), runJs(nadamJs(0.9, 0.999, 1e-7), { lr: constant(0.05), steps: 8 }), 1e-5, 1e-5);
    expectSame(
      runStrata(new Nadam({ learningRate: 0.05, beta1: 0.7, beta2: 0.9, epsilon: 1e-3 }), 8),
      runJs(nadamJs(0.7, 0.9, 1e-3), { lr: constant(0.05), steps: 8 }),
    );
  });
  it('saves its momentum-schedule product (u_product) and resumes exactly', () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2, -3])));
    const g = tf.tensor1d([0.5, -1, 2]);
    const opt = new Nadam({ learningRate: 0.1 });
    for (let k = 0; k < 3; k++) opt.applyGradients([{ variable: w, gradient: g }]);
    const state = opt.getWeights([w], ['w']);
    expect(state.map((s) => s.name)).toEqual(['iteration', 'learning_rate', 'w_momentum', 'w_velocity', 'u_product']);
    const mu = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** t);
    expectClose(values(state[4].tensor), [mu(1) * mu(2) * mu(3)]);
    const saved = state.map((s) => tf.clone(s.tensor));
    const w2 = tf.tidy(() => tf.variable(tf.clone(w)));
    opt.applyGradients([{ variable: w, gradient: g }]);
    const resumed = new Nadam({ learningRate: 0.1 });
    resumed.setWeights([w2], saved);
    resumed.applyGradients([{ variable: w2, gradient: g }]);
    expectClose(values(w2), values(w), 1e-6);
    tf.dispose([w, g, w2, ...saved]);
    [opt, resumed].forEach((o) => o.dispose());
  });
});

describe('Lion', () => {
  it('w -= lr sign(beta1 m + (1 - beta1) g); m = beta2 m + (1 - beta2) g', () => {
    expectSame(runStrata(new Lion({ learningRate: 0.1 })), runJs(lionJs(0.9, 0.99), { lr: constant(0.1) }));
    expectSame(runStrata(new Lion({ learningRate: 0.05, beta1: 0.5, beta2: 0.6 }), 10), runJs(lionJs(0.5, 0.6), { lr: constant(0.05), steps: 10 }));
  });
  it('rejects beta1 = 0 (sign-SGD), as Keras does', () => {
    expect(() => new Lion({ beta1: 0 })).toThrow(/beta1/);
  });
});

describe('options shared through the base', () => {
  it('clipvalue clips the gradient before the rule sees it (RMSprop, Adagrad)', () => {
    const want = runJs(rmspropJs(0.9, 0, 1e-7, false), { lr: constant(0.01), clipvalue: 0.5 });
    expectSame(runStrata(new RMSprop({ learningRate: 0.01, clipvalue: 0.5 })), want);
    expect(maxDiff(want[5][0], runJs(rmspropJs(0.9, 0, 1e-7, false), { lr: constant(0.01) })[5][0])).toBeGreaterThan(1e-3);
    expectSame(runStrata(new Adagrad({ learningRate: 0.3, clipvalue: 1 })), runJs(adagradJs(0.1, 1e-7), { lr: constant(0.3), clipvalue: 1 }));
  });

  it('weightDecay applies to every optimizer (Lion, Adamax) as w -= w * wd * lr first', () => {
    expectSame(runStrata(new Lion({ learningRate: 0.1, weightDecay: 0.3 })), runJs(lionJs(0.9, 0.99), { lr: constant(0.1), weightDecay: 0.3 }));
    expectSame(
      runStrata(new Adamax({ learningRate: 0.1, weightDecay: 0.3 })),
      runJs(adamaxJs(0.9, 0.999, 1e-7), { lr: constant(0.1), weightDecay: 0.3 }),
    );
  });

  it('a schedule feeds the rule its value at each step (Adagrad with exponential decay)', () => {
    const schedule = { className: 'ExponentialDecay', config: { initialLearningRate: 0.5, decaySteps: 2, decayRate: 0.5 } };
    const lr = (k: number) => 0.5 * 0.5 ** (k / 2);
    expectSame(runStrata(new Adagrad({ learningRate: schedule })), runJs(adagradJs(0.1, 1e-7), { lr }));
  });

  it('every optimizer round-trips its config through the registry', () => {
    const opts: BaseOptimizer[] = [
      new Adagrad({ learningRate: 0.2, initialAccumulatorValue: 0.3 }),
      new Adadelta({ rho: 0.9 }),
      new RMSprop({ momentum: 0.5, centered: true }),
      new AdamW({ weightDecay: 0.01, amsgrad: true }),
      new Adamax({ beta2: 0.99 }),
      new Nadam({ epsilon: 1e-4 }),
      new Lion({ beta1: 0.8, clipnorm: 1 }),
    ];
    for (const opt of opts) {
      const copy = deserialize<BaseOptimizer>(serialize(opt));
      expect(copy.getClassName()).toBe(opt.getClassName());
      expect(copy.getConfig()).toEqual(opt.getConfig());
      copy.dispose();
      opt.dispose();
    }
  });

  it('rejects out-of-range hyper-parameters and unknown config keys with the optimizer named', () => {
    expect(() => new RMSprop({ rho: 1.5 })).toThrow(/RMSprop: `rho` must be a number in \[0, 1\], found 1.5/);
    expect(() => new Adagrad({ initialAccumulatorValue: -1 })).toThrow(ValueError);
    expect(() => new Adamax({ beta1: 1 })).toThrow(/Adamax: `beta1`/);
    expect(() => Nadam.fromConfig({ beta_1: 0.9 })).toThrow(/Nadam: unknown config key `beta_1`/);
  });

  it('getOptimizer knows every name with Keras 3 defaults', () => {
    const expected: Array<[string, string, number]> = [
      ['rmsprop', 'RMSprop', 0.001],
      ['RMSProp', 'RMSprop', 0.001],
      ['adagrad', 'Adagrad', 0.001],
      ['Adadelta', 'Adadelta', 0.001],
      ['adamax', 'Adamax', 0.001],
      ['nadam', 'Nadam', 0.001],
      ['AdamW', 'AdamW', 0.001],
      ['lion', 'Lion', 0.001],
    ];
    for (const [id, className, lr] of expected) {
      const opt = getOptimizer(id);
      expect(opt.getClassName()).toBe(className);
      expect(opt.learningRate).toBe(lr);
      opt.dispose();
    }
  });

  it('leaks no tensors per step and frees everything on dispose', () => {
    const before = tf.memory().numTensors;
    for (const opt of [new Adagrad(), new Adadelta(), new RMSprop({ momentum: 0.5, centered: true }), new AdamW(), new Adamax(), new Nadam(), new Lion()]) {
      runStrata(opt, 3);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
