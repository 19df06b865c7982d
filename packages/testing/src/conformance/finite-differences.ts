// The cpu backend is the reference for every other backend, so its gradients are checked against
// an independent source: central finite differences of the same objective, Σ fn(xs)·r.
import * as st from 'strata';
import { DEFAULT_EPS, DEFAULT_GRADIENT_TOLERANCE, differences, judge, sampleIndices } from '../numeric-gradient.js';
import { randomValues, size } from '../random.js';
import type { OpCase } from './op-cases.js';

const tf = st.tf;
/** Coordinates checked per input: enough to catch a wrong formula, few enough to stay fast. */
const COORDINATES = 12;

export type FiniteDifferenceMismatch = { input: number; index: number; analytic: number; numeric: number };

/** Compares autodiff with finite differences on the active (cpu) backend; returns the mismatches. */
export function checkOpGradients(c: OpCase, seed = 1): FiniteDifferenceMismatch[] {
  const values = c.inputs.map((spec, i) => {
    const v = randomValues(size(spec.shape), seed + i, spec.range ?? [-1, 1]);
    return spec.dtype === 'int32' ? Int32Array.from(v, Math.floor) : v;
  });
  const tensors = () => c.inputs.map((spec, i) => tf.tensor(values[i]!, spec.shape, spec.dtype ?? 'float32'));
  const outShape = tf.tidy(() => c.fn(...tensors()).shape);
  const r = randomValues(size(outShape), seed + 1000);
  const objective = (xs: st.Tensor[]) => tf.sum(tf.mul(tf.cast(c.fn(...xs), 'float32'), tf.tensor(r, outShape)));
  const floats = c.inputs.map((s, i) => (s.dtype === 'int32' ? -1 : i)).filter((i) => i >= 0);
  const analytic = tf.tidy(() => {
    const xs = tensors();
    const gs = tf.grads((...fx: st.Tensor[]) => {
      const all = [...xs];
      floats.forEach((k, j) => (all[k] = fx[j]!));
      return objective(all);
    })(floats.map((k) => xs[k]!));
    return gs.map((g) => Array.from(g.dataSync()));
  });
  const f = () => tf.tidy(() => objective(tensors()).dataSync()[0]!);
  const f0 = f();
  const mismatches: FiniteDifferenceMismatch[] = [];
  floats.forEach((k, j) => {
    const data = values[k] as Float32Array;
    for (const index of sampleIndices(data.length, COORDINATES)) {
      const x0 = data[index]!;
      const d = differences(f, (v) => (data[index] = v), x0, f0, DEFAULT_EPS);
      if (judge(analytic[j]![index]!, d, DEFAULT_GRADIENT_TOLERANCE) === 'mismatch') {
        mismatches.push({ input: k, index, analytic: analytic[j]![index]!, numeric: d.central });
      }
    }
  });
  return mismatches;
}
