// The merge layers: every shared check through runMultiInputLayerTest (functional models),
// hand-computed values, Keras' broadcasting rules, parity with tfjs-layers 4.22, and errors.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, randomValues, valuesOf } from '@strata/testing';
import { runMultiInputLayerTest } from './multi-input-harness.js';
import { strataLoadsTfjs, tfjsLoadsStrata } from './tfjs-interop.js';

const { tf } = st;

const A = [1, -2, 3, 0.5, 4, -1];
const B = [2, 0.5, -3, 1.5, -4, 2];
const C = [0, 1, 1, -2, 0.25, 3];
const zip3 = (f: (a: number, b: number, c: number) => number) => A.map((a, i) => f(a, B[i], C[i]));

const elementwise: Array<[string, () => st.Layer, number[]]> = [
  ['add', () => st.layers.add(), zip3((a, b, c) => a + b + c)],
  ['multiply', () => st.layers.multiply(), zip3((a, b, c) => a * b * c)],
  ['average', () => st.layers.average(), zip3((a, b, c) => (a + b + c) / 3)],
  ['maximum', () => st.layers.maximum(), zip3((a, b, c) => Math.max(a, b, c))],
  ['minimum', () => st.layers.minimum(), zip3((a, b, c) => Math.min(a, b, c))],
];
for (const [name, make, output] of elementwise) {
  runMultiInputLayerTest({
    name: `${name} of three [2, 3] inputs`,
    make,
    inputShapes: [[2, 3], [2, 3], [2, 3]],
    expectedOutputShape: [2, 3],
    expectedOutput: { inputs: [A, B, C], output },
  });
}

runMultiInputLayerTest({
  name: 'subtract',
  make: () => st.layers.subtract(),
  inputShapes: [[2, 3], [2, 3]],
  expectedOutputShape: [2, 3],
  expectedOutput: { inputs: [A, B], output: A.map((a, i) => a - B[i]) },
});

// Keras' rule for different ranks: the lower-rank input gets new axes right after the batch
// axis, so [B, 3] meets [B, 2, 3] as [B, 1, 3]; size-1 axes broadcast.
runMultiInputLayerTest({
  name: 'add broadcasting [2, 3] with [2, 2, 3] and [2, 2, 1]',
  make: () => st.layers.add(),
  inputShapes: [[2, 3], [2, 2, 3], [2, 2, 1]],
  expectedOutputShape: [2, 2, 3],
  expectedOutput: {
    inputs: [A, [...A, ...B], [10, 20, 30, 40]],
    // out[b, i, j] = x[b, j] + y[b, i, j] + z[b, i, 0]
    output: [0, 1].flatMap((b) => [0, 1].flatMap((i) => [0, 1, 2].map((j) => A[3 * b + j] + [...A, ...B][6 * b + 3 * i + j] + [10, 20, 30, 40][2 * b + i]))),
  },
});

runMultiInputLayerTest({
  name: 'concatenate axis -1',
  make: () => st.layers.concatenate(),
  inputShapes: [[2, 3], [2, 1], [2, 2]],
  expectedOutputShape: [2, 6],
  expectedOutput: { inputs: [A, [7, 8], [9, 10, 11, 12]], output: [...A.slice(0, 3), 7, 9, 10, ...A.slice(3), 8, 11, 12] },
});

runMultiInputLayerTest({
  name: 'concatenate axis 1 of rank-3 inputs',
  make: () => st.layers.concatenate({ axis: 1 }),
  inputShapes: [[1, 1, 3], [1, 2, 3]],
  expectedOutputShape: [1, 3, 3],
  expectedOutput: { inputs: [A.slice(0, 3), A], output: [...A.slice(0, 3), ...A] },
});

// Dot: per-sample products worked by hand.
runMultiInputLayerTest({
  name: 'dot axes 1 of [2, 3] and [2, 3]',
  make: () => st.layers.dot({ axes: 1 }),
  inputShapes: [[2, 3], [2, 3]],
  expectedOutputShape: [2, 1],
  expectedOutput: { inputs: [A, B], output: [0, 1].map((b) => [0, 1, 2].reduce((s, j) => s + A[3 * b + j] * B[3 * b + j], 0)) },
});

const X3 = Array.from({ length: 2 * 2 * 3 }, (_, i) => (i % 5) - 2); // [2, 2, 3]
const Y3 = Array.from({ length: 2 * 3 * 2 }, (_, i) => ((i * 7) % 4) - 1.5); // [2, 3, 2]
runMultiInputLayerTest({
  name: 'dot axes [2, 1] of [2, 2, 3] and [2, 3, 2] (batched matmul)',
  make: () => st.layers.dot({ axes: [2, 1] }),
  inputShapes: [[2, 2, 3], [2, 3, 2]],
  expectedOutputShape: [2, 2, 2],
  expectedOutput: {
    inputs: [X3, Y3],
    output: [0, 1].flatMap((b) => [0, 1].flatMap((i) => [0, 1].map((j) => [0, 1, 2].reduce((s, k) => s + X3[6 * b + 3 * i + k] * Y3[6 * b + 2 * k + j], 0)))),
  },
});

runMultiInputLayerTest({
  name: 'dot axes [1, 2] of [2, 2, 3] and [2, 3, 2] (contract x axis 1 with y axis 2)',
  make: () => st.layers.dot({ axes: [1, 2] }),
  inputShapes: [[2, 2, 3], [2, 3, 2]],
  expectedOutputShape: [2, 3, 3],
  // out[b, m, n] = Σ_k x[b, k, m] · y[b, n, k]
  expectedOutput: {
    inputs: [X3, Y3],
    output: [0, 1].flatMap((b) => [0, 1, 2].flatMap((m) => [0, 1, 2].map((n) => [0, 1].reduce((s, k) => s + X3[6 * b + 3 * k + m] * Y3[6 * b + 2 * n + k], 0)))),
  },
});

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
runMultiInputLayerTest({
  name: 'dot normalize (cosine similarity)',
  make: () => st.layers.dot({ axes: -1, normalize: true }),
  inputShapes: [[2, 3], [2, 3]],
  expectedOutputShape: [2, 1],
  expectedOutput: {
    inputs: [A, B],
    output: [0, 1].map((b) => {
      const a = A.slice(3 * b, 3 * b + 3);
      const c = B.slice(3 * b, 3 * b + 3);
      return a.reduce((s, x, j) => s + x * c[j], 0) / (norm(a) * norm(c));
    }),
  },
});

describe('merging: parity with tfjs-layers 4.22', () => {
  const shapes = [[3, 4], [3, 4]];
  const cases: Array<[string, () => st.Layer, () => tfl.layers.Layer]> = [
    ['Add', () => st.layers.add(), () => tfl.layers.add()],
    ['Multiply', () => st.layers.multiply(), () => tfl.layers.multiply()],
    ['Average', () => st.layers.average(), () => tfl.layers.average()],
    ['Maximum', () => st.layers.maximum(), () => tfl.layers.maximum()],
    ['Minimum', () => st.layers.minimum(), () => tfl.layers.minimum()],
    ['Concatenate', () => st.layers.concatenate(), () => tfl.layers.concatenate()],
    ['Dot', () => st.layers.dot({ axes: 1 }), () => tfl.layers.dot({ axes: 1 })],
    ['Dot normalize', () => st.layers.dot({ axes: -1, normalize: true }), () => tfl.layers.dot({ axes: -1, normalize: true })],
  ];
  for (const [name, ours, theirs] of cases) {
    it(`${name} agrees to 1e-4 relative`, () => {
      const xs = shapes.map((s, i) => tf.tensor(randomValues(s[0] * s[1], 40 + i), s));
      const a = ours().apply(xs) as st.Tensor;
      const b = theirs().apply(xs) as st.Tensor;
      expect(a.shape).toEqual(b.shape);
      assertAllClose(valuesOf(a), valuesOf(b), name, { atol: 1e-6, rtol: 1e-4 });
      tf.dispose([...xs, a, b]);
    });
  }

  it('Dot on rank-3 inputs agrees with tfjs-layers', () => {
    const x = tf.tensor(randomValues(2 * 4 * 3, 3), [2, 4, 3]);
    const y = tf.tensor(randomValues(2 * 5 * 3, 4), [2, 5, 3]);
    const a = st.layers.dot({ axes: [2, 2] }).apply([x, y]) as st.Tensor;
    const b = tfl.layers.dot({ axes: [2, 2] }).apply([x, y]) as st.Tensor;
    expect(a.shape).toEqual([2, 4, 5]);
    assertAllClose(valuesOf(a), valuesOf(b), 'Dot rank 3', { atol: 1e-6, rtol: 1e-4 });
    tf.dispose([x, y, a, b]);
  });

  it('functional models with merges round-trip between Strata and tfjs-layers files', async () => {
    const xs = [tf.tensor(randomValues(12, 1), [3, 4]), tf.tensor(randomValues(12, 2), [3, 4])];
    const a = st.input({ shape: [4] });
    const b = st.input({ shape: [4] });
    const dense = st.layers.dense({ units: 4 });
    const merged = st.layers.concatenate().apply([
      st.layers.add().apply([dense.apply(a), b]) as st.SymbolicTensor,
      st.layers.multiply().apply([a, b]) as st.SymbolicTensor,
      st.layers.dot({ axes: 1, normalize: true }).apply([a, b]) as st.SymbolicTensor,
    ]) as st.SymbolicTensor;
    const ours = st.model({ inputs: [a, b], outputs: st.layers.maximum().apply([st.layers.dense({ units: 2 }).apply(merged), st.layers.dense({ units: 2 }).apply(merged)]) });
    const names = await tfjsLoadsStrata(ours, xs);
    expect(names).toEqual(expect.arrayContaining(['Add', 'Multiply', 'Dot', 'Concatenate', 'Maximum']));

    const ta = tfl.input({ shape: [4] });
    const tb = tfl.input({ shape: [4] });
    const tout = tfl.layers.average().apply([tfl.layers.minimum().apply([ta, tb]) as tfl.SymbolicTensor, tfl.layers.dense({ units: 4 }).apply(ta) as tfl.SymbolicTensor]);
    const theirs = tfl.model({ inputs: [ta, tb], outputs: tout as tfl.SymbolicTensor });
    expect(await strataLoadsTfjs(theirs, xs)).toEqual(expect.arrayContaining(['Minimum', 'Average', 'Dense']));
    tf.dispose(xs);
    ours.dispose();
    theirs.dispose();
  });
});

describe('merging: errors', () => {
  const x3 = () => st.input({ shape: [3] });
  it('mismatched shapes name both shapes', () => {
    expect(() => st.layers.add().apply([st.input({ shape: [3] }), st.input({ shape: [4] })])).toThrow(
      /Add '.*': input 1 has shape \[null, 4\], which does not broadcast with the others: input 0 has shape \[null, 3\]/,
    );
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 2]);
    expect(() => st.layers.multiply().apply([a, b])).toThrow(/input 1 has shape \[2, 2\].*input 0 has shape \[2, 3\]/);
    tf.dispose([a, b]);
  });

  it('different batch sizes fail', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([3, 3]);
    expect(() => st.layers.add().apply([a, b])).toThrow(/cannot merge tensors with different batch sizes; input shapes \[2, 3\], \[3, 3\]/);
    tf.dispose([a, b]);
  });

  it('subtract needs exactly 2 inputs', () => {
    expect(() => st.layers.subtract().apply([x3(), x3(), x3()])).toThrow(/Subtract '.*' must be called on exactly 2 input\(s\), found 3/);
    expect(() => st.layers.subtract().apply([x3()])).toThrow(/exactly 2 input\(s\), found 1/);
  });

  it('a merge layer called on one tensor says to pass a list', () => {
    expect(() => st.layers.add().apply(x3())).toThrow(/must be called on a list of tensors, e\.g\. layer\.apply\(\[a, b\]\); found a single tensor/);
    const t = tf.zeros([2, 3]);
    expect(() => st.layers.average().apply(t)).toThrow(/must be called on a list of tensors/);
    t.dispose();
  });

  it('concatenate needs equal sizes off the axis', () => {
    expect(() => st.layers.concatenate({ axis: 1 }).apply([st.input({ shape: [2, 3] }), st.input({ shape: [2, 4] })])).toThrow(
      /same shape except on the concatenation axis 1; found shapes \[null, 2, 3\], \[null, 2, 4\]/,
    );
    expect(() => st.layers.concatenate({ axis: 0 }).apply([x3(), x3()])).toThrow(/axis 0 is not a non-batch axis/);
    expect(() => st.layers.concatenate({ axis: 1.5 })).toThrow(/axis must be an integer, found 1.5/);
  });

  it('dot checks its axes', () => {
    expect(() => st.layers.dot({ axes: [1, 2, 3] as never })).toThrow(/axes must be an integer or a pair of integers/);
    expect(() => st.layers.dot({ axes: 0 })).toThrow(/axes cannot include 0, the batch axis/);
    expect(() => st.layers.dot({ axes: 1 }).apply([st.input({ shape: [3] }), st.input({ shape: [4] })])).toThrow(
      /the contracted axes differ in size: axis 1 of input 0 has 3, axis 1 of input 1 has 4; input shapes \[null, 3\] and \[null, 4\]/,
    );
    expect(() => st.layers.dot({ axes: 1 }).apply([x3(), x3(), x3()])).toThrow(/exactly 2 input\(s\), found 3/);
  });

  it('unknown sizes broadcast to unknown, as Keras', () => {
    const y = st.layers.add().apply([st.input({ shape: [null, 3] }), st.input({ shape: [4, 1] })]) as st.SymbolicTensor;
    expect(y.shape).toEqual([null, null, 3]);
  });
});
