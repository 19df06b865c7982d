// Loss.compute (sample weights, reductions), shape errors, getLoss, configs, gradients, leaks.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { UnknownNameError, ValueError } from '../../src/errors.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Hinge,
  Loss,
  LossFunctionWrapper,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
  deserializeLoss,
  getLoss,
  type Reduction,
} from '../../src/losses/index.js';
import '../../src/losses/register.js';
import { serialize } from '../../src/saving/serialization.js';

const read = (x: tf.Tensor) => Array.from(x.dataSync());
const scalar = (x: tf.Tensor) => {
  expect(x.shape).toEqual([]);
  return x.dataSync()[0];
};

describe('sample weights and reductions', () => {
  // Per-sample mse by hand: [1, 4, 0.25, 9].
  const yTrue = tf.tensor2d([[0], [2], [1], [3]]);
  const yPred = tf.tensor2d([[1], [0], [1.5], [0]]);
  const perSample = [1, 4, 0.25, 9];
  const w = [1, 0.5, 2, 0];
  const weighted = perSample.map((l, i) => l * w[i]); // [1, 2, 0.5, 0]

  it('sum_over_batch_size (default) and mean: sum(w * l) / batch', () => {
    expect(scalar(new MeanSquaredError().compute(yTrue, yPred))).toBeCloseTo((1 + 4 + 0.25 + 9) / 4, 6);
    expect(scalar(new MeanSquaredError().compute(yTrue, yPred, tf.tensor1d(w)))).toBeCloseTo(3.5 / 4, 6);
    expect(scalar(new MeanSquaredError({ reduction: 'mean' }).compute(yTrue, yPred, tf.tensor1d(w)))).toBeCloseTo(3.5 / 4, 6);
  });

  it('divides by the batch size, not by the sum of the weights', () => {
    // sum(w) = 3.5 here, batch = 4: the two readings differ.
    expect(scalar(new MeanSquaredError().compute(yTrue, yPred, tf.tensor1d(w)))).not.toBeCloseTo(3.5 / 3.5, 3);
  });

  it('sum', () => {
    expect(scalar(new MeanSquaredError({ reduction: 'sum' }).compute(yTrue, yPred))).toBeCloseTo(14.25, 5);
    expect(scalar(new MeanSquaredError({ reduction: 'sum' }).compute(yTrue, yPred, tf.tensor1d(w)))).toBeCloseTo(3.5, 5);
  });

  it("none: weighted per-sample values of shape [batch], for [batch] and [batch, 1] weights", () => {
    const loss = new MeanSquaredError({ reduction: 'none' });
    const plain = loss.compute(yTrue, yPred);
    expect(plain.shape).toEqual([4]);
    expect(read(plain)).toEqual(perSample);
    for (const sw of [tf.tensor1d(w), tf.tensor2d(w, [4, 1])]) {
      const out = loss.compute(yTrue, yPred, sw);
      expect(out.shape).toEqual([4]);
      expect(read(out)).toEqual(weighted);
    }
  });

  it('rank-3 outputs: weights [batch] apply to every step; the mean divides by batch * steps', () => {
    // yPred [2, 3, 1]: per-sample values [2, 3] = squared errors.
    const yt = tf.zeros([2, 3, 1]);
    const yp = tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 3, 1]);
    const sq = [1, 4, 9, 16, 25, 36];
    const sw = tf.tensor1d([1, 0.5]);
    const byHand = sq.slice(0, 3).reduce((a, b) => a + b) * 1 + sq.slice(3).reduce((a, b) => a + b) * 0.5; // 14 + 38.5
    expect(scalar(new MeanSquaredError().compute(yt, yp, sw))).toBeCloseTo(byHand / 6, 5);
    expect(new MeanSquaredError({ reduction: 'none' }).compute(yt, yp, sw).shape).toEqual([2, 3]);
  });

  it('sample weights that do not fit the batch are a ValueError naming both shapes', () => {
    expect(() => new MeanSquaredError().compute(yTrue, yPred, tf.tensor1d([1, 2, 3]))).toThrow(ValueError);
    expect(() => new MeanSquaredError().compute(yTrue, yPred, tf.tensor1d([1, 2, 3]))).toThrow(/\[4\].*found \[3\]/);
  });

  it('rejects an unknown reduction', () => {
    expect(() => new MeanSquaredError({ reduction: 'auto' as Reduction })).toThrow(/reduction.*'sum_over_batch_size'.*found "auto"/);
  });
});

describe('shape mismatches are ValueErrors that say expected, found and which loss', () => {
  it('categorical: [32, 10] labels against [32, 5] predictions', () => {
    const run = () => new CategoricalCrossentropy().compute(tf.zeros([32, 10]), tf.zeros([32, 5]));
    expect(run).toThrow(ValueError);
    expect(run).toThrow(/categorical_crossentropy.*\[32, 5\].*found yTrue \[32, 10\]/);
  });

  it('categorical: integer labels get a hint towards the sparse loss', () => {
    expect(() => new CategoricalCrossentropy().compute(tf.zeros([8]), tf.zeros([8, 5]))).toThrow(/sparseCategoricalCrossentropy/);
  });

  it('sparse: a trailing dimension other than 1', () => {
    const run = () => new SparseCategoricalCrossentropy().compute(tf.zeros([32, 3]), tf.zeros([32, 5]));
    expect(run).toThrow(ValueError);
    expect(run).toThrow(/sparse_categorical_crossentropy.*\[32\] or \[32, 1\].*found yTrue \[32, 3\]/);
  });

  it('sparse: one-hot labels get a hint towards the categorical loss', () => {
    expect(() => new SparseCategoricalCrossentropy().compute(tf.zeros([4, 5]), tf.zeros([4, 5]))).toThrow(/categoricalCrossentropy/);
  });

  it('sparse: batch sizes that differ', () => {
    expect(() => new SparseCategoricalCrossentropy().compute(tf.zeros([3]), tf.zeros([4, 5]))).toThrow(/found yTrue \[3\]/);
  });

  it('elementwise losses: mse, mae, binary crossentropy, hinge', () => {
    const cases: Array<[Loss, string]> = [
      [new MeanSquaredError(), 'mean_squared_error'],
      [new MeanAbsoluteError(), 'mean_absolute_error'],
      [new BinaryCrossentropy(), 'binary_crossentropy'],
      [new Hinge(), 'hinge'],
    ];
    for (const [loss, name] of cases) {
      const run = () => loss.compute(tf.zeros([4, 3]), tf.zeros([4, 2]));
      expect(run).toThrow(ValueError);
      expect(run).toThrow(new RegExp(`${name}.*\\[4, 2\\].*found yTrue \\[4, 3\\]`));
    }
  });

  it('sparse: only the last axis is a class axis', () => {
    expect(() => new SparseCategoricalCrossentropy({ axis: 0 }).compute(tf.zeros([2]), tf.zeros([2, 3]))).toThrow(/last axis/);
  });
});

describe('config validation', () => {
  it('labelSmoothing outside [0, 1], fromLogits not boolean', () => {
    expect(() => new BinaryCrossentropy({ labelSmoothing: 2 })).toThrow(/labelSmoothing in \[0, 1\], found 2/);
    expect(() => new CategoricalCrossentropy({ labelSmoothing: -0.1 })).toThrow(ValueError);
    expect(() => new SparseCategoricalCrossentropy({ fromLogits: 'yes' as unknown as boolean })).toThrow(/fromLogits/);
  });
});

describe('getLoss', () => {
  it('tfjs camelCase, Keras snake_case, class names and short aliases', () => {
    const cases: Array<[string, string]> = [
      ['meanSquaredError', 'MeanSquaredError'],
      ['mean_squared_error', 'MeanSquaredError'],
      ['mse', 'MeanSquaredError'],
      ['MSE', 'MeanSquaredError'],
      ['mae', 'MeanAbsoluteError'],
      ['meanAbsoluteError', 'MeanAbsoluteError'],
      ['binaryCrossentropy', 'BinaryCrossentropy'],
      ['binary_crossentropy', 'BinaryCrossentropy'],
      ['categoricalCrossentropy', 'CategoricalCrossentropy'],
      ['categorical_crossentropy', 'CategoricalCrossentropy'],
      ['sparseCategoricalCrossentropy', 'SparseCategoricalCrossentropy'],
      ['sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy'],
      ['hinge', 'Hinge'],
      ['CategoricalCrossentropy', 'CategoricalCrossentropy'],
    ];
    for (const [id, className] of cases) expect(getLoss(id).getClassName()).toBe(className);
  });

  it('Keras default names', () => {
    expect(getLoss('mse').name).toBe('mean_squared_error');
    expect(getLoss('sparseCategoricalCrossentropy').name).toBe('sparse_categorical_crossentropy');
    expect(new Hinge().name).toBe('hinge');
    expect(new BinaryCrossentropy({ name: 'bce_out' }).name).toBe('bce_out');
  });

  it('returns a Loss instance as it is', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    expect(getLoss(loss)).toBe(loss);
  });

  it('unknown names are an UnknownNameError listing the known ones', () => {
    expect(() => getLoss('meanSquareError')).toThrow(UnknownNameError);
    expect(() => getLoss('meanSquareError')).toThrow(/Unknown loss 'meanSquareError'. Expected one of: .*meanSquaredError/);
  });

  it('wraps a per-sample function; compute applies weights and the reduction', () => {
    function absCubed(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.sum(tf.pow(tf.abs(tf.sub(yTrue, yPred)), 3), -1);
    }
    const loss = getLoss(absCubed);
    expect(loss).toBeInstanceOf(LossFunctionWrapper);
    expect(loss.name).toBe('absCubed');
    // |1-0|^3 + |2-0|^3 = 9; |0-1|^3 = 1 (+0).
    const yt = tf.tensor2d([[1, 2], [0, 0]]);
    const yp = tf.tensor2d([[0, 0], [1, 0]]);
    expect(scalar(loss.compute(yt, yp))).toBeCloseTo(5, 6);
    expect(scalar(loss.compute(yt, yp, tf.tensor1d([0, 1])))).toBeCloseTo(0.5, 6);
  });
});

describe('serialization', () => {
  it('getConfig / fromConfig round trip through the registry', () => {
    const losses: Loss[] = [
      new MeanSquaredError({ reduction: 'sum' }),
      new MeanAbsoluteError({ name: 'l1' }),
      new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1, axis: -1 }),
      new CategoricalCrossentropy({ labelSmoothing: 0.2, reduction: 'none' }),
      new SparseCategoricalCrossentropy({ fromLogits: true }),
      new Hinge(),
    ];
    for (const loss of losses) {
      const restored = deserializeLoss(serialize(loss));
      expect(restored.getClassName()).toBe(loss.getClassName());
      expect(restored.getConfig()).toEqual(loss.getConfig());
      expect(restored).not.toBe(loss);
    }
    expect(new BinaryCrossentropy({ fromLogits: true }).getConfig()).toEqual({
      name: 'binary_crossentropy',
      reduction: 'sum_over_batch_size',
      fromLogits: true,
      labelSmoothing: 0,
      axis: -1,
    });
  });
});

describe('gradients', () => {
  it('binary crossentropy from logits: d/dx = (sigmoid(x) - y) / n, also at x = 0 exactly', () => {
    const x = [0, 1.5, -2, 0];
    const y = [1, 0, 1, 0];
    const loss = new BinaryCrossentropy({ fromLogits: true });
    const g = tf.grad((logits: tf.Tensor) => loss.compute(tf.tensor2d(y, [4, 1]), logits));
    const grads = read(g(tf.tensor2d(x, [4, 1])));
    const expected = x.map((xi, i) => (1 / (1 + Math.exp(-xi)) - y[i]) / 4);
    grads.forEach((gi, i) => expect(gi).toBeCloseTo(expected[i], 6));
  });

  it('categorical crossentropy from logits matches finite differences', () => {
    const yt = tf.tensor2d([[0, 0, 1], [0, 1, 0]]);
    const loss = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
    const f = (v: number[]) => tf.tidy(() => loss.compute(yt, tf.tensor2d(v, [2, 3])).dataSync()[0]);
    const x0 = [0.2, -1, 0.5, 2, 0.1, -0.3];
    const analytic = read(tf.grad((logits: tf.Tensor) => loss.compute(yt, logits))(tf.tensor2d(x0, [2, 3])));
    const h = 1e-2;
    x0.forEach((_, i) => {
      const plus = x0.slice();
      const minus = x0.slice();
      plus[i] += h;
      minus[i] -= h;
      expect(analytic[i]).toBeCloseTo((f(plus) - f(minus)) / (2 * h), 3);
    });
  });
});

describe('memory', () => {
  it('compute leaves only its result behind', () => {
    const yt = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
    const yp = tf.tensor2d([[0.2, 0.7, 0.1], [0.3, 0.3, 0.4]]);
    const labels = tf.tensor1d([1, 0]);
    const sw = tf.tensor1d([0.5, 2]);
    const cases: Array<[Loss, tf.Tensor]> = [
      [new MeanSquaredError(), yt],
      [new MeanAbsoluteError({ reduction: 'none' }), yt],
      [new BinaryCrossentropy({ labelSmoothing: 0.1 }), yt],
      [new BinaryCrossentropy({ fromLogits: true }), yt],
      [new CategoricalCrossentropy({ labelSmoothing: 0.1 }), yt],
      [new CategoricalCrossentropy({ fromLogits: true }), yt],
      [new SparseCategoricalCrossentropy(), labels],
      [new SparseCategoricalCrossentropy({ fromLogits: true, reduction: 'sum' }), labels],
      [new Hinge(), yt],
    ];
    for (const [loss, target] of cases) {
      const before = tf.memory().numTensors;
      const out = loss.compute(target, yp, sw);
      expect(tf.memory().numTensors).toBe(before + 1);
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
