import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const { tf } = st;
const EPSILON = 1e-7; // Keras' backend epsilon in the norm constraints

// Columns (axis 0 slices) of W have norms 5, 0.5 and 13.
const W = [
  [3, 0.3, 5],
  [4, -0.4, -12],
];
const columnNorms = [5, 0.5, 13];

function project(c: st.Constraint, values: number[][] = W): number[][] {
  const w = tf.tensor2d(values);
  const before = tf.memory().numTensors;
  const out = c.apply(w);
  const result = out.arraySync() as number[][];
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
  w.dispose();
  return result;
}

function expectMatrixClose(actual: number[][], expected: number[][], digits = 5): void {
  expected.forEach((row, i) => row.forEach((v, j) => expect(actual[i][j], `[${i}][${j}]`).toBeCloseTo(v, digits)));
}

/** w · desired / (eps + norm), column by column (axis 0). */
const rescaleColumns = (desired: (norm: number) => number) => W.map((row) => row.map((v, j) => (v * desired(columnNorms[j])) / (EPSILON + columnNorms[j])));

describe('constraints: values worked by hand', () => {
  it('MaxNorm caps each column norm at maxValue (Keras default 2, axis 0)', () => {
    expectMatrixClose(project(st.constraints.maxNorm({ maxValue: 2 })), rescaleColumns((n) => Math.min(n, 2)));
    expectMatrixClose(project(st.constraints.maxNorm()), rescaleColumns((n) => Math.min(n, 2)));
    // axis 1: row norms √(9 + 0.09 + 25) and √(16 + 0.16 + 144).
    const rowNorms = W.map((r) => Math.sqrt(r.reduce((s, v) => s + v * v, 0)));
    expectMatrixClose(
      project(st.constraints.maxNorm({ maxValue: 6, axis: 1 })),
      W.map((r, i) => r.map((v) => (v * Math.min(rowNorms[i], 6)) / (EPSILON + rowNorms[i]))),
    );
  });

  it('UnitNorm rescales each column to norm 1', () => {
    expectMatrixClose(project(st.constraints.unitNorm()), W.map((r) => r.map((v, j) => v / (EPSILON + columnNorms[j]))));
  });

  it('NonNeg clamps negative entries to 0', () => {
    expect(project(st.constraints.nonNeg())).toEqual([[3, Math.fround(0.3), 5], [4, 0, 0]]);
  });

  it('MinMaxNorm moves norms into [minValue, maxValue] at the given rate', () => {
    expectMatrixClose(project(st.constraints.minMaxNorm({ minValue: 1, maxValue: 6 })), rescaleColumns((n) => Math.min(Math.max(n, 1), 6)));
    const rate = 0.25;
    expectMatrixClose(
      project(st.constraints.minMaxNorm({ minValue: 1, maxValue: 6, rate })),
      rescaleColumns((n) => rate * Math.min(Math.max(n, 1), 6) + (1 - rate) * n),
    );
    // Keras defaults: min 0, max 1, rate 1.
    expectMatrixClose(project(st.constraints.minMaxNorm()), rescaleColumns((n) => Math.min(n, 1)));
  });

  it('takes a list of axes, as for a Conv2D kernel [kh, kw, cin, cout] with axis [0, 1, 2]', () => {
    const values = Array.from({ length: 2 * 2 * 1 * 2 }, (_, i) => i + 1); // filters interleaved on the last axis
    const kernel = tf.tensor4d(values, [2, 2, 1, 2]);
    const out = st.constraints.unitNorm({ axis: [0, 1, 2] }).apply(kernel);
    const got = Array.from(out.dataSync());
    const norms = [0, 1].map((f) => Math.sqrt(values.filter((_, i) => i % 2 === f).reduce((s, v) => s + v * v, 0)));
    got.forEach((v, i) => expect(v).toBeCloseTo(values[i] / (EPSILON + norms[i % 2]), 6));
    tf.dispose([kernel, out]);
  });
});

describe('constraint names and files', () => {
  it('resolves class names, Keras snake_case and tfjs camelCase names', () => {
    const cases: Array<[string, string]> = [
      ['maxNorm', 'MaxNorm'],
      ['max_norm', 'MaxNorm'],
      ['unitNorm', 'UnitNorm'],
      ['unit_norm', 'UnitNorm'],
      ['nonNeg', 'NonNeg'],
      ['non_neg', 'NonNeg'],
      ['minMaxNorm', 'MinMaxNorm'],
      ['min_max_norm', 'MinMaxNorm'],
      ['MaxNorm', 'MaxNorm'],
    ];
    for (const [name, className] of cases) expect(st.constraints.getConstraint(name)!.getClassName(), name).toBe(className);
    expect(() => st.constraints.getConstraint('positive')).toThrow(/Unknown constraint 'positive'. Expected one of: .*\bmax_norm\b/);
  });

  it('writes the Keras/tfjs configs and reads them back', () => {
    expect(st.constraints.maxNorm().getConfig()).toEqual({ maxValue: 2, axis: 0 });
    expect(st.constraints.unitNorm({ axis: [0, 1, 2] }).getConfig()).toEqual({ axis: [0, 1, 2] });
    expect(st.constraints.nonNeg().getConfig()).toEqual({});
    expect(st.constraints.minMaxNorm().getConfig()).toEqual({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });
    // What tfjs-layers / Keras write (snake_case converted at the file boundary):
    const read = st.deserialize<st.Constraint>({ className: 'MinMaxNorm', config: { minValue: 0.5, maxValue: 3, rate: 0.5, axis: 1 } });
    expect(read.getConfig()).toEqual({ minValue: 0.5, maxValue: 3, rate: 0.5, axis: 1 });
    const layer = st.layers.dense({ units: 2, kernelConstraint: 'max_norm', biasConstraint: st.constraints.nonNeg() });
    const config = JSON.parse(JSON.stringify(layer.getConfig()));
    expect(config.kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } });
    expect(st.deserialize<st.Layer>({ className: 'Dense', config }, 'layer').getConfig()).toEqual(layer.getConfig());
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => st.constraints.maxNorm({ maxValue: -1 })).toThrow(/MaxNorm: argument 'maxValue' must be a finite, non-negative number, found -1/);
    expect(() => st.constraints.unitNorm({ axis: 0.5 })).toThrow(/UnitNorm: argument 'axis' must be an integer or a non-empty list of integers/);
    expect(() => st.constraints.minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow(/'minValue' \(2\) must not exceed 'maxValue' \(1\)/);
    expect(() => st.constraints.minMaxNorm({ rate: 1.5 })).toThrow(/'rate' must be in \[0, 1\], found 1.5/);
  });
});

describe('constraints in training (engine: applied after each optimizer step)', () => {
  // Dense(1) without bias, y = x·w, MSE: dL/dw = (2/N)·xᵀ(x·w - y), worked in JS.
  const xs = [[1, 2], [3, -1], [0.5, 0.5]];
  const ys = [1, -2, 4];
  function sgdStep(w: number[], lr: number): number[] {
    const residual = xs.map((r, i) => r[0] * w[0] + r[1] * w[1] - ys[i]);
    const grad = [0, 1].map((j) => (2 / xs.length) * xs.reduce((s, r, i) => s + r[j] * residual[i], 0));
    return w.map((v, j) => v - lr * grad[j]);
  }

  async function trainOneStep(constraint: st.Constraint, w0: number[], lr: number): Promise<number[]> {
    const dense = st.layers.dense({ units: 1, inputShape: [2], useBias: false, kernelConstraint: constraint });
    const model = st.sequential({ layers: [dense] });
    model.compile({ optimizer: new st.SGD({ learningRate: lr }), loss: 'mse' });
    const k = tf.tensor2d(w0, [2, 1]);
    dense.setWeights([k]);
    const x = tf.tensor2d(xs);
    const y = tf.tensor2d(ys, [3, 1]);
    await model.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0 });
    const [after] = dense.getWeights();
    const values = Array.from(after.dataSync());
    tf.dispose([k, x, y, after]);
    model.dispose();
    return values;
  }

  it('MaxNorm: the kernel after one step is the SGD update projected onto norm <= maxValue', async () => {
    const w0 = [0.5, -0.5];
    const lr = 0.3;
    const stepped = sgdStep(w0, lr);
    const norm = Math.hypot(stepped[0], stepped[1]);
    expect(norm).toBeGreaterThan(1); // the constraint is active
    const expected = stepped.map((v) => (v * Math.min(norm, 1)) / (EPSILON + norm));
    const got = await trainOneStep(st.constraints.maxNorm({ maxValue: 1 }), w0, lr);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('NonNeg: negative entries of the updated kernel become 0, the others keep the SGD value', async () => {
    const w0 = [0.2, 0.1];
    const lr = 0.3;
    const stepped = sgdStep(w0, lr);
    expect(stepped.some((v) => v < 0) && stepped.some((v) => v > 0)).toBe(true);
    const got = await trainOneStep(st.constraints.nonNeg(), w0, lr);
    got.forEach((v, i) => expect(v).toBeCloseTo(Math.max(stepped[i], 0), 5));
  });
});
