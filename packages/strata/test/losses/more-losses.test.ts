// The regression, hinge, probabilistic and focal losses against hand-computed values
// (reference.ts) and Keras 3's documented examples, with sample weights and every reduction.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { ValueError } from '../../src/errors.js';
import {
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalFocalCrossentropy,
  CategoricalHinge,
  CosineSimilarity,
  Huber,
  KLDivergence,
  LogCosh,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  Poisson,
  SquaredHinge,
  getLoss,
  deserializeLoss,
  type Loss,
} from '../../src/losses/index.js';
import '../../src/losses/register.js';
import { serialize } from '../../src/saving/serialization.js';
import {
  refBce,
  refBinaryFocal,
  refCategoricalFocal,
  refCategoricalHinge,
  refCosine,
  refHuber,
  refKld,
  refLogCosh,
  refMape,
  refMsle,
  refPoisson,
  refSquaredHinge,
} from './reference.js';

const read = (x: tf.Tensor) => Array.from(x.dataSync());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

/** Within 10^-digits / 2, or 2e-6 relative for large values (float32). */
function expectClose(actual: number[], expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const tol = Math.max(0.5 * 10 ** -digits, 2e-6 * Math.abs(expected[i]));
    if (!(Math.abs(a - expected[i]) <= tol)) throw new Error(`element ${i}: got ${a}, expected ${expected[i]} (tol ${tol})`);
  });
}
const expectNear = (a: number, e: number, digits = 5) => expectClose([a], [e], digits);

/** Per-sample values from call(), the default reduction, and then each reduction with weights. */
function check(make: (reduction?: 'sum' | 'none' | 'mean') => Loss, t: number[][], p: number[][], perSample: number[], digits = 5): void {
  const before = tf.memory().numTensors;
  const yTrue = tf.tensor2d(t);
  const yPred = tf.tensor2d(p);
  const values = tf.tidy(() => make().call(yTrue, yPred));
  expect(values.shape).toEqual([perSample.length]);
  expectClose(read(values), perSample, digits);
  const reduced = make().compute(yTrue, yPred);
  expect(reduced.shape).toEqual([]);
  expectNear(read(reduced)[0], mean(perSample), digits);
  // Sample weights of shape [batch]: 'sum_over_batch_size' divides the weighted sum by the batch.
  const w = perSample.map((_, i) => [0.5, 2, 0, 1.5][i % 4]);
  const weighted = perSample.map((v, i) => v * w[i]);
  const sw = tf.tensor1d(w);
  const byBatch = make().compute(yTrue, yPred, sw);
  expectNear(read(byBatch)[0], sum(weighted) / perSample.length, digits);
  const summed = make('sum').compute(yTrue, yPred, sw);
  expectNear(read(summed)[0], sum(weighted), digits);
  const none = make('none').compute(yTrue, yPred, sw);
  expectClose(read(none), weighted, digits);
  tf.dispose([yTrue, yPred, values, reduced, sw, byBatch, summed, none]);
  expect(tf.memory().numTensors).toBe(before);
}

/** The loss's value as Keras' `loss(y_true, y_pred[, sample_weight])` gives it. */
function keras(loss: Loss, t: number[] | number[][], p: number[] | number[][], sw?: number[]): number[] {
  const out = tf.tidy(() => loss.compute(tf.tensor(t), tf.tensor(p), sw ? tf.tensor1d(sw) : undefined));
  const v = read(out);
  out.dispose();
  return v;
}

const T = [[0, 1, 2], [1, 1, 1], [3, -1, 0.5], [0.2, 0.1, 4]];
const P = [[1, 1.5, 0], [0.5, 2, 1], [3.1, 1, -0.5], [0.25, -0.25, 1]];
const POS_T = [[0, 1, 2], [1, 1, 1], [3, 0.5, 0.5], [0.2, 0.1, 4]];
const POS_P = [[1, 1.5, 0.1], [0.5, 2, 1], [3.1, 1, 0.5], [0.25, 0.01, 1]];

describe('regression losses', () => {
  it('meanAbsolutePercentageError: 100 mean(|t - p| / max(|t|, eps)), also for zero labels', () => {
    check((reduction) => new MeanAbsolutePercentageError({ reduction }), T, P, refMape(T, P));
    // Keras' documented example.
    expectClose(keras(new MeanAbsolutePercentageError(), [100, 200, 300], [90, 210, 310]), [6.111111], 4);
  });
  it('meanSquaredLogarithmicError: mean((log1p(max(p, eps)) - log1p(max(t, eps)))^2)', () => {
    check((reduction) => new MeanSquaredLogarithmicError({ reduction }), T, P, refMsle(T, P));
  });
  it('huber: quadratic within delta, linear beyond', () => {
    check((reduction) => new Huber({ reduction }), T, P, refHuber(T, P, 1));
    check((reduction) => new Huber({ reduction, delta: 0.3 }), T, P, refHuber(T, P, 0.3));
    expect(new Huber().name).toBe('huber_loss');
    expect(() => new Huber({ delta: -1 })).toThrow(/delta/);
  });
  it('logCosh: mean(log(cosh(p - t))), stable for large errors', () => {
    check((reduction) => new LogCosh({ reduction }), T, P, refLogCosh(T, P));
    // cosh(1000) overflows in float32, but the loss is |x| - log 2.
    expectClose(keras(new LogCosh(), [[0]], [[1000]]), [1000 - Math.LN2], 2);
  });
});

describe('hinge losses', () => {
  const tSigned = [[-1, 1, 1], [1, -1, -1], [1, 1, -1]];
  const tBinary = [[0, 1, 1], [1, 0, 0], [1, 1, 0]];
  const p = [[0.3, -0.8, 2], [0.6, 0.4, -1.5], [-0.2, 1.1, 0.9]];
  it('squaredHinge: mean(max(1 - t p, 0)^2), {0, 1} labels converted to {-1, 1}', () => {
    check((reduction) => new SquaredHinge({ reduction }), tSigned, p, refSquaredHinge(tSigned, p));
    check((reduction) => new SquaredHinge({ reduction }), tBinary, p, refSquaredHinge(tSigned, p));
  });
  it('categoricalHinge: max(max wrong-class score - true-class score + 1, 0)', () => {
    const oneHot = [[0, 1, 0], [1, 0, 0], [0, 0, 1]];
    check((reduction) => new CategoricalHinge({ reduction }), oneHot, p, refCategoricalHinge(oneHot, p));
    expect(() => new CategoricalHinge().call(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.5, 0.5], [0.2, 0.8]]))).toThrow(ValueError);
  });
});

describe('probabilistic losses', () => {
  const t = [[0.2, 0.8, 0], [0.5, 0.25, 0.25], [1, 0, 0]];
  const p = [[0.3, 0.6, 0.1], [0.4, 0.4, 0.2], [0.7, 0.2, 0.1]];
  it('klDivergence: sum(t log(t / p)) with both clipped to [eps, 1]', () => {
    check((reduction) => new KLDivergence({ reduction }), t, p, refKld(t, p));
  });
  it('poisson: mean(p - t log(p + eps))', () => {
    check((reduction) => new Poisson({ reduction }), POS_T, POS_P, refPoisson(POS_T, POS_P));
  });
  it('cosineSimilarity: minus the cosine of the angle along the axis', () => {
    check((reduction) => new CosineSimilarity({ reduction }), T, P, refCosine(T, P).map((x) => -x));
    // axis 0: the similarity of columns.
    const byColumn = refCosine([[1, 3], [2, 4]], [[0.5, -1], [2, 0.25]]).map((x) => -x);
    const loss = new CosineSimilarity({ axis: 0, reduction: 'none' });
    expectClose(keras(loss, [[1, 2], [3, 4]], [[0.5, 2], [-1, 0.25]]), byColumn);
    // A zero vector has similarity 0, not NaN.
    expectClose(keras(new CosineSimilarity({ reduction: 'none' }), [[0, 0]], [[1, 2]]), [0]);
  });
});

describe('binaryFocalCrossentropy', () => {
  const t = [[0, 1, 1, 0], [1, 0, 1, 1], [0, 0, 1, 0]];
  const p = [[0.1, 0.8, 0.45, 0.3], [0.95, 0.2, 0.6, 0.05], [0.5, 0.01, 0.99, 0.7]];
  const logits = [[-2, 1.5, 0.2, -0.4], [3, -1, 0.3, -2.5], [0, -4, 5, 1]];
  it('scales each bce term by (1 - p_t)^gamma; gamma = 0 is binary crossentropy', () => {
    check((reduction) => new BinaryFocalCrossentropy({ reduction }), t, p, refBinaryFocal(t, p));
    check((reduction) => new BinaryFocalCrossentropy({ reduction, gamma: 3.5 }), t, p, refBinaryFocal(t, p, { gamma: 3.5 }));
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 0, reduction: 'none' }), t, p), refBce(t, p));
    expectClose(keras(new BinaryCrossentropy({ reduction: 'none' }), t, p), refBce(t, p));
  });
  it('class balancing, logits and label smoothing', () => {
    const o = { balance: true, alpha: 0.4, gamma: 1.5 };
    check((reduction) => new BinaryFocalCrossentropy({ reduction, applyClassBalancing: true, alpha: 0.4, gamma: 1.5 }), t, p, refBinaryFocal(t, p, o));
    check(
      (reduction) => new BinaryFocalCrossentropy({ reduction, fromLogits: true }),
      t,
      logits,
      refBinaryFocal(t, logits, { fromLogits: true }),
    );
    check(
      (reduction) => new BinaryFocalCrossentropy({ reduction, labelSmoothing: 0.2, fromLogits: true, applyClassBalancing: true }),
      t,
      logits,
      refBinaryFocal(t, logits, { ls: 0.2, fromLogits: true, balance: true }),
    );
  });
  it("matches Keras' documented examples", () => {
    const yt1 = [0, 1, 0, 0];
    const yp1 = [-18.6, 0.51, 2.94, -12.8];
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 2, fromLogits: true }), yt1, yp1), [0.691], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 2, fromLogits: true }), yt1, yp1), [0.51], 2);
    const yt = [[0, 1], [0, 0]];
    const yp = [[-18.6, 0.51], [2.94, -12.8]];
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }), yt, yp), [0.647], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 3, fromLogits: true }), yt, yp), [0.482], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }), yt, yp, [0.8, 0.2]), [0.133], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 3, fromLogits: true }), yt, yp, [0.8, 0.2]), [0.097], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 4, fromLogits: true, reduction: 'sum' }), yt, yp), [1.222], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 4, fromLogits: true, reduction: 'sum' }), yt, yp), [0.914], 3);
    expectClose(keras(new BinaryFocalCrossentropy({ gamma: 5, fromLogits: true, reduction: 'none' }), yt, yp), [0.0017, 1.1561], 4);
    expectClose(
      keras(new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 5, fromLogits: true, reduction: 'none' }), yt, yp),
      [0.0004, 0.867],
      3,
    );
  });
});

describe('categoricalFocalCrossentropy', () => {
  const t = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0.2, 0.3, 0.5]];
  const p = [[0.2, 0.7, 0.1], [0.5, 0.3, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]];
  const logits = [[1, 2, -1], [0.5, 0.1, -0.3], [-2, 0, 3], [0, 0.2, 0.1]];
  it('sums alpha (1 - p)^gamma (-t log p) over classes, with renormalized predictions', () => {
    check((reduction) => new CategoricalFocalCrossentropy({ reduction }), t, p, refCategoricalFocal(t, p));
    const unnormalized = p.map((row) => row.map((x) => 3 * x));
    check((reduction) => new CategoricalFocalCrossentropy({ reduction }), t, unnormalized, refCategoricalFocal(t, p));
    check(
      (reduction) => new CategoricalFocalCrossentropy({ reduction, alpha: 0.6, gamma: 0.5 }),
      t,
      p,
      refCategoricalFocal(t, p, { alpha: 0.6, gamma: 0.5 }),
    );
  });
  it('logits (softmax first) and label smoothing', () => {
    check(
      (reduction) => new CategoricalFocalCrossentropy({ reduction, fromLogits: true, labelSmoothing: 0.1 }),
      t,
      logits,
      refCategoricalFocal(t, logits, { fromLogits: true, ls: 0.1 }),
    );
  });
  it('softmax along a non-last axis', () => {
    // Classes on axis 0: transpose the data and compare with the last-axis result.
    const tt = [[0, 1, 0], [1, 0, 0], [0, 0, 1]];
    const lt = [[1, 2, -1], [0.5, 0.1, -0.3], [-2, 0, 3]];
    const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
    const loss = new CategoricalFocalCrossentropy({ fromLogits: true, axis: 0, reduction: 'none' });
    expectClose(keras(loss, transpose(tt), transpose(lt)), refCategoricalFocal(tt, lt, { fromLogits: true }));
  });
  it("matches Keras' documented example", () => {
    const yt = [[0, 1, 0], [0, 0, 1]];
    const yp = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
    expectClose(keras(new CategoricalFocalCrossentropy(), yt, yp), [0.23315276], 5);
    expectClose(keras(new CategoricalFocalCrossentropy(), yt, yp, [0.3, 0.7]), [0.1632], 4);
    expectClose(keras(new CategoricalFocalCrossentropy({ reduction: 'sum' }), yt, yp), [0.46631], 4);
    expectClose(keras(new CategoricalFocalCrossentropy({ reduction: 'none' }), yt, yp), [3.2058331e-5, 0.46627346], 5);
  });
});

describe('names and serialization', () => {
  it('resolves tfjs camelCase, Keras snake_case, class names and short forms', () => {
    const cases: Array<[string, string]> = [
      ['meanAbsolutePercentageError', 'MeanAbsolutePercentageError'],
      ['mape', 'MeanAbsolutePercentageError'],
      ['MAPE', 'MeanAbsolutePercentageError'],
      ['mean_squared_logarithmic_error', 'MeanSquaredLogarithmicError'],
      ['msle', 'MeanSquaredLogarithmicError'],
      ['huber', 'Huber'],
      ['huber_loss', 'Huber'],
      ['logcosh', 'LogCosh'],
      ['log_cosh', 'LogCosh'],
      ['squaredHinge', 'SquaredHinge'],
      ['categorical_hinge', 'CategoricalHinge'],
      ['kullbackLeiblerDivergence', 'KLDivergence'],
      ['kld', 'KLDivergence'],
      ['KLD', 'KLDivergence'],
      ['kl_divergence', 'KLDivergence'],
      ['poisson', 'Poisson'],
      ['cosineProximity', 'CosineSimilarity'],
      ['cosine_similarity', 'CosineSimilarity'],
      ['binaryFocalCrossentropy', 'BinaryFocalCrossentropy'],
      ['categorical_focal_crossentropy', 'CategoricalFocalCrossentropy'],
    ];
    for (const [name, className] of cases) expect(getLoss(name).getClassName()).toBe(className);
  });

  it('round-trips every config through the registry', () => {
    const losses: Loss[] = [
      new MeanAbsolutePercentageError({ reduction: 'sum' }),
      new MeanSquaredLogarithmicError(),
      new Huber({ delta: 2.5 }),
      new LogCosh({ name: 'lc' }),
      new SquaredHinge(),
      new CategoricalHinge(),
      new KLDivergence(),
      new Poisson({ reduction: 'none' }),
      new CosineSimilarity({ axis: 0 }),
      new BinaryFocalCrossentropy({ applyClassBalancing: true, alpha: 0.4, gamma: 3, fromLogits: true, labelSmoothing: 0.1 }),
      new CategoricalFocalCrossentropy({ alpha: 0.5, gamma: 1, fromLogits: true, labelSmoothing: 0.2, axis: 1 }),
    ];
    for (const loss of losses) {
      const copy = deserializeLoss(JSON.parse(JSON.stringify(serialize(loss))));
      expect(copy.getClassName()).toBe(loss.getClassName());
      expect(copy.getConfig()).toEqual(loss.getConfig());
    }
  });

  it('rejects bad options at construction', () => {
    expect(() => new BinaryFocalCrossentropy({ gamma: -1 })).toThrow(/gamma/);
    expect(() => new CategoricalFocalCrossentropy({ labelSmoothing: 2 })).toThrow(/labelSmoothing/);
    expect(() => new CosineSimilarity({ axis: 0.5 })).toThrow(/axis/);
  });
});
