import { describe, expect, it } from 'vitest';
import { UnknownNameError } from '../../src/errors.js';
import { Adam } from '../../src/optimizers/adam.js';
import { getOptimizer } from '../../src/optimizers/get-optimizer.js';
import { SGD } from '../../src/optimizers/sgd.js';
import '../../src/optimizers/register.js';

describe('getOptimizer', () => {
  it('resolves names case-insensitively to fresh optimizers with Keras defaults', () => {
    for (const id of ['sgd', 'SGD']) {
      const opt = getOptimizer(id);
      expect(opt).toBeInstanceOf(SGD);
      expect(opt.learningRate).toBe(0.01);
      opt.dispose();
    }
    for (const id of ['adam', 'Adam']) {
      const opt = getOptimizer(id);
      expect(opt).toBeInstanceOf(Adam);
      expect(opt.learningRate).toBe(0.001);
      opt.dispose();
    }
    const a = getOptimizer('adam');
    const b = getOptimizer('adam');
    expect(a).not.toBe(b);
    a.dispose();
    b.dispose();
  });

  it('returns an instance unchanged', () => {
    const opt = new SGD({ learningRate: 0.5 });
    expect(getOptimizer(opt)).toBe(opt);
    opt.dispose();
  });

  it('deserializes {className, config} through the registry', () => {
    const opt = getOptimizer({ className: 'Adam', config: { learningRate: 0.02, beta1: 0.8 } });
    expect(opt).toBeInstanceOf(Adam);
    expect((opt as Adam).beta1).toBe(0.8);
    expect(opt.learningRate).toBe(0.02);
    opt.dispose();
  });

  it('names the unknown optimizer and lists the known ones', () => {
    expect(() => getOptimizer('adamm')).toThrow(UnknownNameError);
    expect(() => getOptimizer('adamm')).toThrow(/Unknown optimizer 'adamm'. Expected one of: adadelta, adagrad, adam, adamax, adamw, lion, nadam, rmsprop, sgd/);
  });
});
