// `st.train.*`: tfjs-core's factory signatures and defaults, returning Strata optimizers that
// follow tfjs-core step for step wherever the two libraries share an update rule.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import type { BaseOptimizer } from '../../src/optimizers/index.js';
import '../../src/optimizers/register.js';
import * as train from '../../src/train.js';
import { maxDiff } from './helpers.js';
import { adamaxJs, expectSame, runJs, runStrata, runTfjs } from './reference-rules.js';

describe('st.train.* (tfjs-core signatures, Strata optimizers)', () => {
  it('maps tfjs positional arguments and defaults onto the Keras configs', () => {
    const made: BaseOptimizer[] = [
      train.sgd(0.3),
      train.momentum(0.1, 0.8, true),
      train.rmsprop(0.01),
      train.adam(),
      train.adadelta(),
      train.adamax(),
      train.adagrad(0.2),
    ];
    const [sgd, momentum, rmsprop, adam, adadelta, adamax, adagrad] = made;
    expect(sgd.getConfig()).toMatchObject({ learningRate: 0.3, momentum: 0 });
    expect(momentum.getConfig()).toMatchObject({ learningRate: 0.1, momentum: 0.8, nesterov: true });
    expect(rmsprop.getConfig()).toMatchObject({ learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expect(adam.getConfig()).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(adadelta.getConfig()).toMatchObject({ learningRate: 0.001, rho: 0.95, epsilon: 1e-7 });
    expect(adamax.getConfig()).toMatchObject({ learningRate: 0.002, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(adagrad.getConfig()).toMatchObject({ learningRate: 0.2, initialAccumulatorValue: 0.1 });
    made.forEach((o) => o.dispose());
  });

  it('follows tfjs-core step for step where the rules agree', () => {
    expectSame(runStrata(train.sgd(0.1)), runTfjs(tf.train.sgd(0.1)));
    expectSame(runStrata(train.momentum(0.05, 0.9)), runTfjs(tf.train.momentum(0.05, 0.9)));
    expectSame(runStrata(train.momentum(0.05, 0.9, true)), runTfjs(tf.train.momentum(0.05, 0.9, true)));
    expectSame(runStrata(train.rmsprop(0.01, 0.8, 0.3)), runTfjs(tf.train.rmsprop(0.01, 0.8, 0.3)));
    expectSame(runStrata(train.adagrad(0.3, 0.2)), runTfjs(tf.train.adagrad(0.3, 0.2)));
    expectSame(runStrata(train.adamax(0.1, 0.5, 0.7)), runTfjs(tf.train.adamax(0.1, 0.5, 0.7)));
  });

  it("adamax's tfjs `decay` becomes an inverse-time schedule: lr / (1 + decay * iterations)", () => {
    const opt = train.adamax(0.1, 0.5, 0.7, null, 0.5);
    expect(opt.learningRateSchedule?.getClassName()).toBe('InverseTimeDecay');
    expectSame(runStrata(opt), runTfjs(tf.train.adamax(0.1, 0.5, 0.7, undefined, 0.5)));
    expectSame(runStrata(train.adamax(0.1, 0.5, 0.7, null, 0.5)), runJs(adamaxJs(0.5, 0.7, 1e-7), { lr: (k) => 0.1 / (1 + 0.5 * k) }));
  });

  it('adam equals tfjs-core adam when epsilon is 0 (they place epsilon differently otherwise)', () => {
    expectSame(runStrata(train.adam(0.05, 0.9, 0.99, 0)), runTfjs(tf.train.adam(0.05, 0.9, 0.99, 0)), 1e-5, 1e-6);
    const keras = runStrata(train.adam(0.05, 0.9, 0.99, 0.1));
    const tfjs = runTfjs(tf.train.adam(0.05, 0.9, 0.99, 0.1));
    expect(maxDiff(keras[5][0], tfjs[5][0])).toBeGreaterThan(1e-3);
  });
});
