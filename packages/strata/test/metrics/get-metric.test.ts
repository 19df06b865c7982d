// getMetric: names as the user wrote them, 'accuracy'/'crossentropy' resolved from the loss or
// the first batch's shapes (Keras' rule), and (de)serialization next to the same-named losses.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { UnknownNameError } from '../../src/errors.js';
import * as losses from '../../src/losses/index.js';
import '../../src/losses/register.js';
import '../../src/metrics/register.js';
import {
  BinaryAccuracy,
  BinaryCrossentropy,
  CategoricalAccuracy,
  InferredMetric,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalAccuracy,
  SparseCategoricalCrossentropy,
  deserializeMetric,
  getMetric,
  type Metric,
} from '../../src/metrics/index.js';
import { serialize } from '../../src/saving/serialization.js';

const result = (m: Metric) => {
  const r = m.result();
  const v = r.dataSync()[0];
  r.dispose();
  return v;
};

describe("'accuracy' / 'acc' follows the loss", () => {
  it('binary crossentropy → binary accuracy (threshold 0.5)', () => {
    const m = getMetric('accuracy', { loss: new losses.BinaryCrossentropy() });
    expect(m).toBeInstanceOf(BinaryAccuracy);
    expect(m.name).toBe('accuracy');
    m.updateState(tf.tensor2d([[1], [0], [1]]), tf.tensor2d([[0.6], [0.5], [0.2]]));
    expect(result(m)).toBeCloseTo(2 / 3, 6); // 0.6 → 1 ✓, 0.5 → 0 ✓, 0.2 → 0 ✗
  });

  it('sparse categorical crossentropy → sparse categorical accuracy; the name stays acc', () => {
    const m = getMetric('acc', { loss: new losses.SparseCategoricalCrossentropy({ fromLogits: true }) });
    expect(m).toBeInstanceOf(SparseCategoricalAccuracy);
    expect(m.name).toBe('acc');
    m.updateState(tf.tensor1d([2, 0]), tf.tensor2d([[0.1, 0.2, 3], [1, 2, 0]]));
    expect(result(m)).toBeCloseTo(0.5, 6);
  });

  it('categorical crossentropy → categorical accuracy, decided at the first batch', () => {
    const m = getMetric('accuracy', { loss: new losses.CategoricalCrossentropy() });
    expect(m).toBeInstanceOf(InferredMetric);
    expect((m as InferredMetric).encoding).toBeNull();
    m.updateState(tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1]]), tf.tensor2d([[0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]));
    expect((m as InferredMetric).encoding).toBe('categorical');
    expect(result(m)).toBeCloseTo(2 / 3, 6);
  });

  it('one output unit → binary accuracy, whatever the loss', () => {
    const m = getMetric('accuracy', { loss: new losses.MeanSquaredError() });
    m.updateState(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.9], [0.7]]));
    expect((m as InferredMetric).encoding).toBe('binary');
    expect(result(m)).toBeCloseTo(0.5, 6);
  });

  it('a custom loss function: integer labels → sparse, from the shapes', () => {
    const loss = losses.getLoss((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(tf.square(tf.sub(yTrue, yPred)), -1));
    const m = getMetric('acc', { loss });
    m.updateState(tf.tensor1d([1, 1, 0, 2]), tf.tensor2d([[0, 1, 0], [1, 0, 0], [1, 0, 0], [0, 0, 1]]));
    expect((m as InferredMetric).encoding).toBe('sparse');
    expect(result(m)).toBeCloseTo(0.75, 6);
    // [batch, 1] integer labels against several classes are sparse too (Keras' rule).
    const m2 = getMetric('acc', { loss });
    m2.updateState(tf.tensor2d([[1], [0]]), tf.tensor2d([[0, 1, 0], [0, 1, 0]]));
    expect((m2 as InferredMetric).encoding).toBe('sparse');
  });

  it("'crossentropy' picks the variant and the loss' fromLogits", () => {
    const b = getMetric('crossentropy', { loss: new losses.BinaryCrossentropy({ fromLogits: true }) });
    expect(b).toBeInstanceOf(BinaryCrossentropy);
    expect((b as BinaryCrossentropy).fromLogits).toBe(true);
    expect(getMetric('ce', { loss: new losses.SparseCategoricalCrossentropy() })).toBeInstanceOf(SparseCategoricalCrossentropy);
    const c = getMetric('crossentropy', { loss: new losses.CategoricalCrossentropy({ fromLogits: true }) });
    c.updateState(tf.tensor2d([[0, 1]]), tf.tensor2d([[0, 0]])); // logits [0, 0] → q = 0.5
    expect(result(c)).toBeCloseTo(Math.LN2, 5);
  });
});

describe('names', () => {
  it('the metric is named by the string passed, as in Keras', () => {
    const cases: Array<[string, new () => Metric]> = [
      ['mse', MeanSquaredError],
      ['MSE', MeanSquaredError],
      ['meanSquaredError', MeanSquaredError],
      ['mean_squared_error', MeanSquaredError],
      ['mae', MeanAbsoluteError],
      ['binaryAccuracy', BinaryAccuracy],
      ['categorical_accuracy', CategoricalAccuracy],
      ['sparseCategoricalAccuracy', SparseCategoricalAccuracy],
      ['binary_crossentropy', BinaryCrossentropy],
    ];
    for (const [id, cls] of cases) {
      const m = getMetric(id, { loss: new losses.MeanSquaredError() });
      expect(m).toBeInstanceOf(cls);
      expect(m.name).toBe(id);
      m.dispose();
    }
  });

  it('a Metric instance is returned as it is; default names are Keras snake_case', () => {
    const m = new CategoricalAccuracy();
    expect(getMetric(m, { loss: new losses.Hinge() })).toBe(m);
    expect(m.name).toBe('categorical_accuracy');
    expect(new MeanSquaredError().name).toBe('mean_squared_error');
  });

  it('unknown names are an UnknownNameError listing the known ones', () => {
    expect(() => getMetric('precission', { loss: new losses.MeanSquaredError() })).toThrow(UnknownNameError);
    expect(() => getMetric('precission', { loss: new losses.MeanSquaredError() })).toThrow(/Unknown metric 'precission'.*binaryAccuracy.*precision/);
  });
});

describe('serialization', () => {
  it('metrics round-trip, and do not collide with the losses of the same class name', () => {
    const metrics: Metric[] = [
      new BinaryAccuracy({ name: 'acc', threshold: 0.7 }),
      new MeanSquaredError({ name: 'mse' }),
      new SparseCategoricalCrossentropy({ fromLogits: true }),
      new InferredMetric({ name: 'acc', kind: 'accuracy', encoding: 'sparse' }),
    ];
    for (const m of metrics) {
      const restored = deserializeMetric(serialize(m));
      expect(restored.constructor).toBe(m.constructor);
      expect(restored.getConfig()).toEqual(m.getConfig());
    }
    expect(serialize(new MeanSquaredError())).toEqual({ className: 'MeanSquaredError', config: { name: 'mean_squared_error' } });
    expect(losses.deserializeLoss({ className: 'MeanSquaredError', config: {} })).toBeInstanceOf(losses.MeanSquaredError);
    expect(deserializeMetric({ className: 'MeanSquaredError', config: {} })).toBeInstanceOf(MeanSquaredError);
  });
});
