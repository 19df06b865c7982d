// Learning-rate schedules: values at several steps against Keras 3's formulas worked by hand in
// JS, serialization, and their use as an optimizer's learning rate.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { StateError, ValueError } from '../../src/errors.js';
import { SGD } from '../../src/optimizers/index.js';
import {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  LinearWarmup,
  PiecewiseConstantDecay,
  PolynomialDecay,
  cosineDecay,
  exponentialDecay,
  type LearningRateSchedule,
} from '../../src/optimizers/schedules/index.js';
import '../../src/optimizers/register.js';
import { deserialize, serialize } from '../../src/saving/serialization.js';
import { expectClose, values } from './helpers.js';

/** The schedule's value at each step, read back (steps are int32 like the iteration count). */
function valuesAt(schedule: LearningRateSchedule, steps: number[]): number[] {
  return steps.map((s) => {
    const step = tf.scalar(s, 'int32');
    const v = schedule.valueAt(step);
    expect(v.shape).toEqual([]);
    const out = v.dataSync()[0];
    tf.dispose([step, v]);
    return out;
  });
}

function check(schedule: LearningRateSchedule, steps: number[], formula: (step: number) => number): void {
  expectClose(valuesAt(schedule, steps), steps.map(formula));
}

describe('ExponentialDecay', () => {
  const steps = [0, 1, 4, 5, 13, 100];
  it('lr0 * rate^(step / decaySteps)', () => {
    check(new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 }), steps, (s) => 0.1 * 0.5 ** (s / 5));
  });
  it('staircase floors the exponent', () => {
    check(exponentialDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5, staircase: true }), steps, (s) => 0.1 * 0.5 ** Math.floor(s / 5));
  });
});

describe('PiecewiseConstantDecay', () => {
  it('values[0] up to and including boundaries[0], then the next value, ...', () => {
    const schedule = new PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect(valuesAt(schedule, [0, 9, 10, 11, 20, 21, 1000])).toEqual([1, 1, 1, 0.5, 0.5, 0.1, 0.1].map(Math.fround));
  });
  it('checks that there is one value more than boundaries, and increasing boundaries', () => {
    expect(() => new PiecewiseConstantDecay({ boundaries: [10], values: [1] })).toThrow(/one entry more than `boundaries`/);
    expect(() => new PiecewiseConstantDecay({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow(/strictly increasing/);
  });
});

describe('PolynomialDecay', () => {
  const poly = (s: number, horizon: number) => (0.1 - 0.01) * (1 - s / horizon) ** 2 + 0.01;
  it('(lr0 - end)(1 - step/decaySteps)^power + end, held at end after decaySteps', () => {
    const schedule = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2 });
    check(schedule, [0, 3, 7, 10, 15], (s) => poly(Math.min(s, 10), 10));
  });
  it('cycle stretches the horizon to the next multiple of decaySteps', () => {
    const schedule = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2, cycle: true });
    check(schedule, [0, 5, 10, 11, 25, 30], (s) => poly(s, 10 * (s === 0 ? 1 : Math.ceil(s / 10))));
  });
  it('defaults: end 1e-4, power 1', () => {
    check(new PolynomialDecay({ initialLearningRate: 1, decaySteps: 4 }), [0, 1, 4], (s) => (1 - 1e-4) * (1 - s / 4) + 1e-4);
  });
});

describe('InverseTimeDecay', () => {
  it('lr0 / (1 + rate * step / decaySteps), optionally floored', () => {
    const steps = [0, 3, 5, 7, 50];
    check(new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 }), steps, (s) => 0.1 / (1 + (0.5 * s) / 5));
    check(
      new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5, staircase: true }),
      steps,
      (s) => 0.1 / (1 + 0.5 * Math.floor(s / 5)),
    );
  });
});

describe('CosineDecay', () => {
  const cos = (s: number, n: number, from: number, alpha: number) => from * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * s) / n)) + alpha);
  it('lr0 ((1 - alpha) 0.5 (1 + cos(pi step / decaySteps)) + alpha), held after decaySteps', () => {
    check(new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 0.1 }), [0, 2, 5, 9, 10, 20], (s) => cos(Math.min(s, 10), 10, 0.1, 0.1));
    check(cosineDecay({ initialLearningRate: 2, decaySteps: 7 }), [0, 3, 7], (s) => cos(s, 7, 2, 0));
  });
  it('warmup rises linearly from lr0 to warmupTarget, then decays from warmupTarget', () => {
    const schedule = new CosineDecay({ initialLearningRate: 0.01, decaySteps: 8, warmupTarget: 0.2, warmupSteps: 4, alpha: 0.05 });
    const want = (s: number) => (s < 4 ? 0.01 + (0.2 - 0.01) * (s / 4) : cos(Math.min(s, 12) - 4, 8, 0.2, 0.05));
    check(schedule, [0, 1, 3, 4, 6, 11, 12, 40], want);
  });
  it('without warmupTarget the warmup steps are ignored, as in Keras', () => {
    check(new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: 5 }), [0, 5], (s) => cos(s, 10, 0.1, 0));
  });
});

describe('CosineDecayRestarts', () => {
  /** Walks the periods one by one (not the closed form the schedule uses). */
  function sgdr(step: number, first: number, tMul: number, mMul: number, alpha: number, lr0: number): number {
    let start = 0;
    let length = first;
    let scale = 1;
    while (step >= start + length) {
      start += length;
      length *= tMul;
      scale *= mMul;
    }
    const fraction = (step - start) / length;
    return lr0 * ((1 - alpha) * 0.5 * scale * (1 + Math.cos(Math.PI * fraction)) + alpha);
  }
  it('periods growing by tMul, restarting lower by mMul', () => {
    const schedule = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 4, tMul: 2, mMul: 0.5, alpha: 0.1 });
    check(schedule, [0, 1, 3, 5, 9, 11, 13, 30, 50], (s) => sgdr(s, 4, 2, 0.5, 0.1, 0.1));
  });
  it('tMul = 1: equal periods, restarts exactly at multiples of firstDecaySteps', () => {
    const schedule = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 5, tMul: 1, mMul: 0.8 });
    check(schedule, [0, 2, 4, 5, 7, 10, 23], (s) => sgdr(s, 5, 1, 0.8, 0, 1));
  });
  it('defaults tMul 2, mMul 1, alpha 0', () => {
    check(new CosineDecayRestarts({ initialLearningRate: 0.5, firstDecaySteps: 3 }), [0, 2, 5, 10, 20], (s) => sgdr(s, 3, 2, 1, 0, 0.5));
  });
});

describe('LinearWarmup', () => {
  it('ramps from initialLearningRate to the wrapped schedule at 0, then runs it shifted', () => {
    const after = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    const schedule = new LinearWarmup({ warmupSteps: 4, initialLearningRate: 0.02, after });
    const want = (s: number) => (s < 4 ? 0.02 + (0.1 - 0.02) * (s / 4) : 0.1 * 0.5 ** ((s - 4) / 2));
    check(schedule, [0, 1, 3, 4, 5, 8], want);
  });
  it('wraps a fixed rate, and warms up from 0 by default', () => {
    check(new LinearWarmup({ warmupSteps: 5, after: 0.5 }), [0, 1, 4, 5, 9], (s) => (s < 5 ? (0.5 * s) / 5 : 0.5));
  });
  it('serializes the wrapped schedule', () => {
    const schedule = new LinearWarmup({ warmupSteps: 2, after: new CosineDecay({ initialLearningRate: 0.3, decaySteps: 6 }) });
    const copy = deserialize<LearningRateSchedule>(JSON.parse(JSON.stringify(serialize(schedule))));
    expect(copy.getConfig()).toEqual(schedule.getConfig());
    expectClose(valuesAt(copy, [0, 1, 2, 5, 9]), valuesAt(schedule, [0, 1, 2, 5, 9]));
  });
});

describe('every schedule', () => {
  const all: LearningRateSchedule[] = [
    new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5, staircase: true }),
    new PiecewiseConstantDecay({ boundaries: [2, 4], values: [0.3, 0.2, 0.1] }),
    new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 5, cycle: true }),
    new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 1 }),
    new CosineDecay({ initialLearningRate: 0, decaySteps: 5, warmupTarget: 0.1, warmupSteps: 2 }),
    new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 3, mMul: 0.9 }),
    new LinearWarmup({ warmupSteps: 3, after: 0.1 }),
  ];

  it('round-trips through serialize / JSON / deserialize with equal values', () => {
    for (const schedule of all) {
      const copy = deserialize<LearningRateSchedule>(JSON.parse(JSON.stringify(serialize(schedule))));
      expect(copy.getClassName()).toBe(schedule.getClassName());
      expect(copy.getConfig()).toEqual(schedule.getConfig());
      expectClose(valuesAt(copy, [0, 1, 3, 7]), valuesAt(schedule, [0, 1, 3, 7]));
    }
  });

  it('returns one scalar and leaks nothing', () => {
    const step = tf.scalar(3, 'int32');
    const before = tf.memory().numTensors;
    for (const schedule of all) schedule.valueAt(step).dispose();
    expect(tf.memory().numTensors).toBe(before);
    step.dispose();
  });

  it('rejects bad arguments, naming the schedule', () => {
    expect(() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow(
      /ExponentialDecay: `decaySteps` must be a number in \(0, inf\), found 0/,
    );
    expect(() => new CosineDecay({ initialLearningRate: 0.1, decaySteps: -1 })).toThrow(ValueError);
    expect(() => ExponentialDecay.fromConfig({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, decay_rate: 1 })).toThrow(/unknown config key/);
  });
});

describe('schedules drive optimizers', () => {
  it('SGD takes the piecewise rate of each step: w -= lr(step) * g with step = iterations before the update', () => {
    const schedule = new PiecewiseConstantDecay({ boundaries: [1, 3], values: [0.1, 0.01, 0.001] });
    const opt = new SGD({ learningRate: schedule });
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.tensor1d([1, -2]);
    for (let k = 0; k < 5; k++) opt.applyGradients([{ variable: w, gradient: g }]);
    // Steps 0, 1 -> 0.1; 2, 3 -> 0.01; 4 -> 0.001.
    const total = 0.1 + 0.1 + 0.01 + 0.01 + 0.001;
    expectClose(values(w), [-total, 2 * total]);
    tf.dispose([w, g]);
    opt.dispose();
  });

  it('a scheduled optimizer says so: learningRate reads the current value, learningRateSchedule gives the schedule', () => {
    const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    const opt = new SGD({ learningRate: schedule });
    expect(opt.learningRateSchedule).toBe(schedule);
    expect(opt.learningRate).toBeCloseTo(0.1, 7);
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.ones([1]);
    opt.applyGradients([{ variable: w, gradient: g }]);
    expect(opt.learningRate).toBeCloseTo(0.05, 7);
    expect(() => {
      opt.learningRate = 1;
    }).toThrow(StateError);
    expect(() => {
      opt.learningRate = 1;
    }).toThrow(/ExponentialDecay schedule and cannot be set/);
    // The schedule is config, not state: no learning_rate entry among the weights.
    expect(opt.getWeights([w]).map((x) => x.name)).toEqual(['iteration']);
    expect(opt.getConfig().learningRate).toEqual(serialize(schedule));
    const fixed = new SGD({ learningRate: 0.1 });
    expect(fixed.learningRateSchedule).toBeNull();
    tf.dispose([w, g]);
    [opt, fixed].forEach((o) => o.dispose());
  });
});
