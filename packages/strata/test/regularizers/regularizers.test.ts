import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';

const { tf } = st;

const W = [
  [0.5, -1, 2],
  [-0.25, 0, 3],
];
const sumAbs = W.flat().reduce((s, v) => s + Math.abs(v), 0); // 6.75
const sumSq = W.flat().reduce((s, v) => s + v * v, 0); // 14.3125

function penalty(reg: st.Regularizer, values: number[][] = W): number {
  const w = tf.tensor2d(values);
  const before = tf.memory().numTensors;
  const p = reg.apply(w);
  expect(p.rank).toBe(0);
  const value = p.dataSync()[0];
  p.dispose();
  expect(tf.memory().numTensors).toBe(before); // no intermediates left behind
  w.dispose();
  return value;
}

describe('L1, L2, L1L2: values worked by hand', () => {
  it('L1: l1·Σ|w| (Keras 3 default l1 = 0.01)', () => {
    expect(penalty(st.regularizers.l1({ l1: 0.1 }))).toBeCloseTo(0.1 * sumAbs, 6);
    expect(penalty(st.regularizers.l1())).toBeCloseTo(0.01 * sumAbs, 6);
  });

  it('L2: l2·Σw² (Keras 3 default l2 = 0.01)', () => {
    expect(penalty(st.regularizers.l2({ l2: 0.1 }))).toBeCloseTo(0.1 * sumSq, 5);
    expect(penalty(st.regularizers.l2())).toBeCloseTo(0.01 * sumSq, 6);
  });

  it('L1L2: both (Keras 3 defaults 0 and 0)', () => {
    expect(penalty(st.regularizers.l1l2({ l1: 0.1, l2: 0.2 }))).toBeCloseTo(0.1 * sumAbs + 0.2 * sumSq, 5);
    expect(penalty(st.regularizers.l1l2({ l2: 0.2 }))).toBeCloseTo(0.2 * sumSq, 5);
    expect(penalty(st.regularizers.l1l2())).toBe(0);
  });

  it('OrthogonalRegularizer: mean |cosine| between distinct rows (or columns), times factor/2·2', () => {
    // Rows [1, 0], [1, 1], [0, 2]: cosines 1/√2, 0, 1/√2 between the 3 pairs.
    const rows = [[1, 0], [1, 1], [0, 2]];
    const meanAbsCos = (1 / Math.SQRT2 + 0 + 1 / Math.SQRT2) / 3;
    // Keras: factor·0.5·Σ|offdiag| / (n(n-1)/2); Σ|offdiag| counts each pair twice.
    expect(penalty(st.regularizers.orthogonalRegularizer({ factor: 0.3 }), rows)).toBeCloseTo(0.3 * meanAbsCos, 6);
    // Columns [1, 1, 0] and [0, 1, 2]: cosine 1/(√2·√5).
    expect(penalty(st.regularizers.orthogonalRegularizer({ factor: 0.3, mode: 'columns' }), rows)).toBeCloseTo(0.3 / Math.sqrt(10), 6);
    expect(() => st.regularizers.orthogonalRegularizer({ mode: 'diagonal' as 'rows' })).toThrow(/'mode' must be 'rows' or 'columns'/);
  });
});

describe('regularizer names and files', () => {
  it('resolves Keras and tfjs-layers names', () => {
    const cases: Array<[string, string, object]> = [
      ['l1', 'L1', { l1: 0.01 }],
      ['l2', 'L2', { l2: 0.01 }],
      ['l1l2', 'L1L2', { l1: 0, l2: 0 }],
      ['l1_l2', 'L1L2', { l1: 0, l2: 0 }],
      ['L2', 'L2', { l2: 0.01 }],
      ['orthogonal_regularizer', 'OrthogonalRegularizer', { factor: 0.01, mode: 'rows' }],
    ];
    for (const [name, className, config] of cases) {
      const reg = st.regularizers.getRegularizer(name)!;
      expect(reg.getClassName(), name).toBe(className);
      expect(reg.getConfig(), name).toEqual(config);
    }
    expect(() => st.regularizers.getRegularizer('l3')).toThrow(/Unknown regularizer 'l3'. Expected one of: .*\bl1_l2\b.*\bl2\b/);
  });

  it('reads Keras 3 configs ({l1} / {l2}) and tfjs-layers configs (L1L2 {l1, l2})', () => {
    expect(penalty(st.deserialize<st.Regularizer>({ className: 'L2', config: { l2: 0.1 } }))).toBeCloseTo(0.1 * sumSq, 5);
    expect(penalty(st.deserialize<st.Regularizer>({ className: 'L1', config: { l1: 0.1 } }))).toBeCloseTo(0.1 * sumAbs, 6);
    // What tfjs-layers writes for regularizers.l2({l2: 0.1}):
    expect(penalty(st.deserialize<st.Regularizer>({ className: 'L1L2', config: { l1: 0, l2: 0.1 } }))).toBeCloseTo(0.1 * sumSq, 5);
    // Keras 3 treats a null factor as 0 (L1L2) or the default (L1, L2).
    expect(st.deserialize<st.Regularizer>({ className: 'L1L2', config: { l1: null, l2: 0.5 } }).getConfig()).toEqual({ l1: 0, l2: 0.5 });
    expect(st.deserialize<st.Regularizer>({ className: 'L1', config: { l1: null } }).getConfig()).toEqual({ l1: 0.01 });
  });

  it('asL1L2 rewrites L1/L2 as the L1L2 that tfjs-layers knows, with the same penalty', () => {
    const l1 = st.regularizers.asL1L2(st.serialize(st.regularizers.l1({ l1: 0.2 })));
    const l2 = st.regularizers.asL1L2(st.serialize(st.regularizers.l2({ l2: 0.3 })));
    expect(l1).toEqual({ className: 'L1L2', config: { l1: 0.2, l2: 0 } });
    expect(l2).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.3 } });
    expect(penalty(st.deserialize<st.Regularizer>(l2))).toBeCloseTo(0.3 * sumSq, 5);
    const ortho = st.serialize(st.regularizers.orthogonalRegularizer());
    expect(st.regularizers.asL1L2(ortho)).toBe(ortho);
    // tfjs-layers reads the rewritten config (it has no class named L1 or L2).
    // A {className, config} object, which tfjs-layers deserializes through its registry.
    const dense = tfl.layers.dense({ units: 2, kernelRegularizer: l2 as never });
    expect(dense.getConfig().kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.3 } });
  });

  it('round-trips through a layer config', () => {
    const layer = st.layers.dense({ units: 2, kernelRegularizer: 'l2', biasRegularizer: st.regularizers.l1l2({ l1: 0.5, l2: 0.25 }) });
    const config = JSON.parse(JSON.stringify(layer.getConfig()));
    expect(config.kernelRegularizer).toEqual({ className: 'L2', config: { l2: 0.01 } });
    expect(config.biasRegularizer).toEqual({ className: 'L1L2', config: { l1: 0.5, l2: 0.25 } });
    const copy = st.deserialize<st.Layer>({ className: 'Dense', config }, 'layer');
    expect(copy.getConfig()).toEqual(layer.getConfig());
  });

  it('refuses negative, infinite or non-numeric factors, naming the argument', () => {
    expect(() => st.regularizers.l1({ l1: -0.1 })).toThrow(/L1: argument 'l1' must be a finite, non-negative number, found -0.1/);
    expect(() => st.regularizers.l2({ l2: Number.POSITIVE_INFINITY })).toThrow(/L2: argument 'l2' .* found Infinity/);
    expect(() => st.regularizers.l1l2({ l1: 0.1, l2: '0.1' as unknown as number })).toThrow(/L1L2: argument 'l2' .* found "0.1"/);
    expect(() => st.regularizers.orthogonalRegularizer({ factor: -1 })).toThrow(/'factor'/);
  });
});

describe('weight regularizers in training (engine: Layer.regularizationLosses)', () => {
  it('Dense kernelRegularizer l2(0.1), zero data gradient: loss = 0.1·ΣW², and one SGD step shrinks W by lr·0.2·W', async () => {
    // Zero inputs and zero targets: the output is the (zero) bias, the data loss and its
    // gradient w.r.t. the kernel are 0, so only the penalty acts on W.
    const kernel = [[0.5, -1], [2, 0.25], [-0.75, 1.5]];
    const lr = 0.1;
    const dense = st.layers.dense({ units: 2, inputShape: [3], kernelRegularizer: st.regularizers.l2({ l2: 0.1 }) });
    const model = st.sequential({ layers: [dense] });
    model.compile({ optimizer: new st.SGD({ learningRate: lr }), loss: 'mse' });
    const k = tf.tensor2d(kernel);
    const b = tf.zeros([2]);
    dense.setWeights([k, b]);
    const x = tf.zeros([4, 3]);
    const y = tf.zeros([4, 2]);
    const expectedLoss = 0.1 * kernel.flat().reduce((s, v) => s + v * v, 0);
    const evaluated = model.evaluate(x, y) as st.Tensor;
    expect(evaluated.dataSync()[0]).toBeCloseTo(expectedLoss, 5);
    const loss = (await model.trainOnBatch(x, y)) as number;
    expect(loss).toBeCloseTo(expectedLoss, 5);
    const [kAfter, bAfter] = dense.getWeights();
    const expectedKernel = kernel.flat().map((w) => w - lr * 0.2 * w);
    Array.from(kAfter.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expectedKernel[i], 6));
    expect(Array.from(bAfter.dataSync())).toEqual([0, 0]); // no penalty, no data gradient
    tf.dispose([k, b, x, y, evaluated, kAfter, bAfter]);
    model.dispose();
  });

  it('an L1 bias penalty moves each bias by lr·l1·sign(b) through fit', async () => {
    const dense = st.layers.dense({ units: 3, inputShape: [2], biasRegularizer: 'l1', kernelInitializer: 'zeros' });
    const model = st.sequential({ layers: [dense] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0.5 }), loss: 'mse' });
    const bias = [0.3, -0.2, 0.1];
    const k = tf.zeros([2, 3]);
    const b = tf.tensor1d(bias);
    dense.setWeights([k, b]);
    // Targets equal to the bias (the output with a zero kernel): no data gradient at all.
    const x = tf.ones([5, 2]);
    const y = tf.tile(tf.tensor2d([bias]), [5, 1]);
    await model.fit(x, y, { epochs: 1, batchSize: 5, verbose: 0 });
    const [, bAfter] = dense.getWeights();
    const expected = bias.map((v) => v - 0.5 * 0.01 * Math.sign(v));
    Array.from(bAfter.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([k, b, x, y, bAfter]);
    model.dispose();
  });
});
