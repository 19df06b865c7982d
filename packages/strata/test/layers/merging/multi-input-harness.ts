// The shared layer checks (DESIGN §10) for layers called on a list of tensors (merges,
// attention), which @strata/testing's runLayerTest (one input, Sequential models) cannot
// drive: shapes, weights, hand-computed values, config and save/load round trips (functional
// models), finite-difference gradients for every input and weight, one SGD step, no leaks.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import {
  DEFAULT_EPS,
  DEFAULT_GRADIENT_TOLERANCE,
  LayerTestFailure,
  assertAllClose,
  assertIdentical,
  assertShape,
  differences,
  expectNoLeak,
  flatValues,
  judge,
  randomTensor,
  sampleIndices,
  seededRandom,
  valuesOf,
  withMathRandom,
  withTempDir,
  type NestedNumbers,
  type Tolerance,
} from '@strata/testing';

const { tf } = st;

type Check = 'shapes' | 'weights' | 'expectedOutput' | 'config' | 'saveLoad' | 'gradients' | 'trainStep' | 'leaks';

export type MultiInputSpec = {
  name: string;
  make: () => st.Layer;
  /** Concrete shapes of the inputs, batch included. */
  inputShapes: number[][];
  expectedOutputShape: number[];
  expectedWeightShapes?: number[][];
  inputRange?: [number, number];
  /** Inputs with fixed values (flat, for every batch size used) that are not differentiated: masks. */
  fixedInputs?: Record<number, (batch: number) => number[]>;
  seed?: number;
  expectedOutput?: { inputs: NestedNumbers[]; weights?: NestedNumbers[]; output: NestedNumbers; tolerance?: Tolerance };
  gradientTolerance?: Tolerance;
  /** Draws random numbers in training (dropout): gradients are checked in inference mode, and both training steps see one draw. */
  stochastic?: boolean;
  skip?: Partial<Record<Check, string>>;
};

const symbolic = (shape: number[]): (number | null)[] => [null, ...shape.slice(1)];
const inputsOf = (spec: MultiInputSpec, seed = spec.seed ?? 1, batch?: number): st.Tensor[] =>
  spec.inputShapes.map((s, i) => {
    const shape = batch ? [batch, ...s.slice(1)] : s;
    const fixed = spec.fixedInputs?.[i];
    return fixed ? tf.tensor(fixed(shape[0]), shape) : randomTensor(shape, seed + 31 * i, spec.inputRange);
  });
/** Indices of the inputs the gradient checks differentiate. */
const differentiable = (spec: MultiInputSpec): number[] => spec.inputShapes.map((_, i) => i).filter((i) => !spec.fixedInputs?.[i]);
/** Gradients w.r.t. the differentiable inputs only (masks carry no gradient). */
function inputGradients(spec: MultiInputSpec, f: (inputs: st.Tensor[]) => st.Tensor, xs: st.Tensor[]): st.Tensor[] {
  const which = differentiable(spec);
  return tf.grads((...chosen: st.Tensor[]) => f(xs.map((x, i) => (which.includes(i) ? chosen[which.indexOf(i)] : x))))(which.map((i) => xs[i]));
}
const one = (out: st.Tensor | st.Tensor[], what: string): st.Tensor => {
  if (Array.isArray(out)) throw new LayerTestFailure(`${what}: expected one output, found ${out.length}.`);
  return out;
};

/** A functional model: one st.input per input shape -> layer (-> Flatten -> Dense(1) with a head). */
function modelAround(layer: st.Layer, spec: MultiInputSpec, head: boolean, batch?: number): st.Functional {
  const inputs = spec.inputShapes.map((s) => st.input({ batchShape: batch ? [batch, ...s.slice(1)] : symbolic(s) }));
  let out = layer.apply(inputs) as st.SymbolicTensor;
  if (head) out = st.layers.dense({ units: 1 }).apply(st.layers.flatten().apply(out));
  return st.model({ inputs, outputs: out });
}

const CHECKS: Record<Check, (spec: MultiInputSpec) => void | Promise<void>> = {
  shapes(spec) {
    const layer = spec.make();
    const symbolicOut = layer.apply(spec.inputShapes.map((s) => st.input({ batchShape: symbolic(s) }))) as st.SymbolicTensor;
    assertShape(symbolicOut.shape, symbolic(spec.expectedOutputShape), `${spec.name}: symbolic apply`);
    assertShape(layer.computeOutputShape(spec.inputShapes.map(symbolic)) as (number | null)[], symbolic(spec.expectedOutputShape), `${spec.name}: computeOutputShape`);
    for (const batch of [spec.inputShapes[0][0], spec.inputShapes[0][0] + 1]) {
      const xs = inputsOf(spec, spec.seed ?? 1, batch);
      for (const training of [false, true]) {
        const y = one(layer.apply(xs, { training }), spec.name);
        assertShape(y.shape, [batch, ...spec.expectedOutputShape.slice(1)], `${spec.name}: eager apply, batch ${batch}, training ${training}`);
        y.dispose();
      }
      tf.dispose(xs);
    }
    const eagerFirst = spec.make();
    const xs = inputsOf(spec);
    one(eagerFirst.apply(xs), spec.name).dispose();
    const later = eagerFirst.apply(spec.inputShapes.map((s) => st.input({ batchShape: symbolic(s) }))) as st.SymbolicTensor;
    assertShape(later.shape, symbolic(spec.expectedOutputShape), `${spec.name}: symbolic apply after an eager build`);
    tf.dispose(xs);
    layer.dispose();
    eagerFirst.dispose();
  },

  weights(spec) {
    const layer = spec.make();
    expect(layer.weights.length, `${spec.name}: weights before build`).toBe(0);
    const xs = inputsOf(spec);
    one(layer.apply(xs), spec.name).dispose();
    expect(layer.weights.map((w) => w.shape), `${spec.name}: weight shapes`).toEqual(spec.expectedWeightShapes ?? []);
    for (const w of layer.weights) expect(w.name.startsWith(`${layer.name}/`), `${spec.name}: weight ${w.name} prefixed`).toBe(true);
    tf.dispose(xs);
    layer.dispose();
  },

  expectedOutput(spec) {
    const expected = spec.expectedOutput!;
    const layer = spec.make();
    const xs = expected.inputs.map((v, i) => tf.tensor(flatValues(v), spec.inputShapes[i]));
    one(layer.apply(xs), spec.name).dispose();
    const given = (expected.weights ?? []).map((v, i) => tf.tensor(flatValues(v), layer.weights[i].shape));
    if (given.length !== layer.weights.length) throw new LayerTestFailure(`${spec.name}: ${given.length} weight value(s) for ${layer.weights.length} weight(s).`);
    layer.setWeights(given);
    const y = one(layer.apply(xs), spec.name);
    assertShape(y.shape, spec.expectedOutputShape, `${spec.name}: output shape`);
    assertAllClose(valuesOf(y), flatValues(expected.output), `${spec.name}: hand-computed output`, { atol: 1e-5, rtol: 1e-5, ...expected.tolerance });
    tf.dispose([...xs, ...given, y]);
    layer.dispose();
  },

  config(spec) {
    const layer = spec.make();
    const xs = inputsOf(spec);
    const y = one(layer.apply(xs), spec.name);
    const json = JSON.parse(JSON.stringify(st.serialize(layer))) as st.SerializedObject;
    const copy = st.deserialize<st.Layer>(json, 'layer');
    expect(copy.getClassName()).toBe(layer.getClassName());
    expect(copy.getConfig(), `${spec.name}: config after the round trip`).toEqual(layer.getConfig());
    one(copy.apply(xs), spec.name).dispose();
    const values = layer.getWeights();
    copy.setWeights(values);
    const y2 = one(copy.apply(xs), spec.name);
    assertIdentical(valuesOf(y2), valuesOf(y), `${spec.name}: outputs of the rebuilt layer`);
    tf.dispose([...xs, ...values, y, y2]);
    layer.dispose();
    copy.dispose();
  },

  async saveLoad(spec) {
    const layer = spec.make();
    const model = modelAround(layer, spec, false);
    const xs = inputsOf(spec);
    const before = model.predict(xs) as st.Tensor;
    await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      const loaded = await st.loadLayersModel(`file://${dir}`);
      const loadedLayer = loaded.layers.find((l) => l.getClassName() === layer.getClassName())!;
      expect(loadedLayer.getConfig(), `${spec.name}: config of the loaded layer`).toEqual(layer.getConfig());
      const after = loaded.predict(xs) as st.Tensor;
      assertIdentical(valuesOf(after), valuesOf(before), `${spec.name}: predictions after save/load`);
      after.dispose();
      loaded.dispose();
    });
    tf.dispose([...xs, before]);
    model.dispose();
  },

  gradients(spec) {
    const layer = spec.make();
    let xs = inputsOf(spec);
    const r = randomTensor(spec.expectedOutputShape, (spec.seed ?? 1) + 7);
    const training = !spec.stochastic;
    const objective = (inputs: st.Tensor[]) => tf.sum(tf.mul(one(layer.apply(inputs, { training }), spec.name), r));
    const evaluate = () => tf.tidy(() => objective(xs).dataSync()[0]);
    one(layer.apply(xs), spec.name).dispose();
    const tolerance = { ...DEFAULT_GRADIENT_TOLERANCE, ...spec.gradientTolerance };
    type Target = { name: string; values: Float32Array; analytic: Float32Array; set: (v: Float32Array) => void };
    const targets: Target[] = [];
    const inputGrads = inputGradients(spec, objective, xs);
    differentiable(spec).forEach((i, n) => {
      const x = xs[i];
      targets.push({
        name: `input ${i}`,
        values: Float32Array.from(x.dataSync() as Float32Array),
        analytic: Float32Array.from(inputGrads[n].dataSync() as Float32Array),
        set: (v) => {
          const next = tf.tensor(v, spec.inputShapes[i]);
          xs[i].dispose();
          xs = xs.map((t, j) => (j === i ? next : t));
        },
      });
    });
    tf.dispose(inputGrads);
    if (layer.trainableWeights.length > 0) {
      const { value, grads } = tf.variableGrads(() => objective(xs) as st.tf.Scalar, layer.trainableWeights.map((w) => w.variable));
      for (const w of layer.trainableWeights) {
        targets.push({
          name: `weight ${w.name}`,
          values: Float32Array.from(w.read().dataSync() as Float32Array),
          analytic: Float32Array.from(grads[w.variable.name].dataSync() as Float32Array),
          set: (v) => tf.tidy(() => w.variable.assign(tf.tensor(v, w.shape))),
        });
      }
      tf.dispose([value, ...Object.values(grads)]);
    }
    const f0 = evaluate();
    for (const target of targets) {
      const values = Float32Array.from(target.values);
      for (const i of sampleIndices(values.length, 48)) {
        const set = (v: number) => {
          values[i] = v;
          target.set(values);
        };
        const d = differences(evaluate, set, target.values[i], f0, DEFAULT_EPS);
        if (judge(target.analytic[i], d, tolerance) !== 'mismatch') continue;
        throw new LayerTestFailure(`${spec.name}: gradient w.r.t. ${target.name} at ${i}: autodiff ${target.analytic[i]}, central difference ${d.central}.`);
      }
    }
    tf.dispose([...xs, r]);
    layer.dispose();
  },

  async trainStep(spec) {
    const layer = spec.make();
    const model = modelAround(layer, spec, true);
    const xs = inputsOf(spec, spec.seed ?? 1, 16);
    const y = randomTensor([16, 1], 5);
    model.compile({ optimizer: new st.SGD({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    const before = layer.getWeights().map((t) => valuesOf(t));
    const step = () => model.trainOnBatch(xs, y) as Promise<number>;
    const pin = (body: () => Promise<number>) => (spec.stochastic ? withMathRandom(() => 0.25, body) : body());
    const first = await pin(step);
    const second = await pin(step);
    expect(second, `${spec.name}: loss after one SGD step (before: ${first})`).toBeLessThan(first);
    const after = layer.getWeights();
    if (before.length > 0) expect(after.some((t, i) => valuesOf(t).some((v, j) => v !== before[i][j])), `${spec.name}: the layer's weights moved`).toBe(true);
    tf.dispose([...xs, y, ...after]);
    model.dispose();
  },

  async leaks(spec) {
    const start = tf.memory().numTensors;
    const layer = spec.make();
    const model = modelAround(layer, spec, true);
    const xs = inputsOf(spec);
    const y = randomTensor([xs[0].shape[0], 1], 5);
    model.compile({ optimizer: new st.SGD({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    for (const training of [false, true]) await expectNoLeak(`${spec.name}: apply(training=${training})`, () => tf.dispose(layer.apply(xs, { training })));
    await expectNoLeak(`${spec.name}: gradient`, () => tf.dispose(inputGradients(spec, (inputs) => tf.sum(one(layer.apply(inputs, { training: true }), spec.name)), xs)));
    await expectNoLeak(`${spec.name}: predict`, () => tf.dispose(model.predict(xs)));
    await expectNoLeak(`${spec.name}: trainOnBatch`, () => model.trainOnBatch(xs, y));
    await expectNoLeak(`${spec.name}: fit`, () => model.fit(xs, y, { epochs: 2, batchSize: 1, verbose: 0 }));
    await expectNoLeak(`${spec.name}: evaluate`, () => tf.dispose(model.evaluate(xs, y)));
    tf.dispose([...xs, y]);
    model.dispose();
    const end = tf.memory().numTensors;
    if (end !== start) throw new LayerTestFailure(`${spec.name}: ${end - start} tensor(s) left after disposing the model.`);
  },
};

const TITLES: Record<Check, string> = {
  shapes: 'symbolic, eager and computeOutputShape shapes agree',
  weights: 'builds the expected weights',
  expectedOutput: 'matches the hand-computed output',
  config: 'config round trip gives the same config and outputs',
  saveLoad: 'save/load of a functional model gives identical predictions',
  gradients: 'autodiff gradients (every input and weight) match finite differences',
  trainStep: 'one SGD step lowers the loss',
  leaks: 'leaks no tensors',
};

/** One describe block per spec, one `it` per check; checks that do not apply are skipped with the reason. */
export function runMultiInputLayerTest(spec: MultiInputSpec): void {
  describe(spec.name, () => {
    for (const check of Object.keys(CHECKS) as Check[]) {
      const reason = spec.skip?.[check] ?? (check === 'expectedOutput' && !spec.expectedOutput ? 'no hand-computed values given' : undefined);
      if (reason) it.skip(`${TITLES[check]} (skipped: ${reason})`, () => {});
      else it(TITLES[check], () => withMathRandom(seededRandom(spec.seed ?? 1), () => CHECKS[check](spec)));
    }
  });
}
