// Numeric gradient check: d/dθ sum(output · R) for fixed random R, by autodiff (tf.grad for the
// input, tf.variableGrads for each trainable weight) against finite differences.
import * as st from 'strata';
import { LayerTestFailure } from '../assertions.js';
import { DEFAULT_EPS, DEFAULT_GRADIENT_TOLERANCE, differences, judge, sampleIndices } from '../numeric-gradient.js';
import { randomTensor, randomValues } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { disposeOutput, single } from '../tensors.js';

const { tf } = st;

type Target = { name: string; shape: number[]; values: Float32Array; analytic: Float32Array; set: (values: Float32Array) => void };

export function checkGradients(spec: LayerTestSpec): void {
  const seed = spec.seed ?? 1;
  const eps = spec.gradientCheck?.eps ?? DEFAULT_EPS;
  const tolerance = { ...DEFAULT_GRADIENT_TOLERANCE, ...spec.gradientCheck?.tolerance };
  const maxCoordinates = spec.gradientCheck?.maxCoordinates ?? 48;
  // Stochastic layers are checked in inference mode: the finite differences need a deterministic f.
  const training = !spec.stochastic;
  const layer = spec.make();
  let x = randomTensor(spec.inputShape, seed, spec.inputRange);
  const r = tf.tensor(randomValues(spec.expectedOutputShape.reduce((a, b) => a * b, 1), seed + 7), spec.expectedOutputShape);
  const objective = (input: st.Tensor): st.Tensor => {
    const y = single(layer.apply(input, { training }), spec.name);
    return tf.sum(tf.mul(y, r));
  };
  const evaluate = (): number => tf.tidy(() => objective(x).dataSync()[0]);
  try {
    disposeOutput(single(layer.apply(x, { training }), spec.name), [x]); // builds the layer
    const targets: Target[] = [];
    const inputGrad = tf.tidy(() => tf.grad(objective)(x));
    targets.push({
      name: 'the input',
      shape: [...x.shape],
      values: Float32Array.from(x.dataSync() as Float32Array),
      analytic: Float32Array.from(inputGrad.dataSync() as Float32Array),
      set: (values) => {
        x.dispose();
        x = tf.tensor(values, spec.inputShape);
      },
    });
    inputGrad.dispose();
    const weights = layer.trainableWeights;
    if (weights.length > 0) {
      const { value, grads } = weightGradients(() => objective(x) as st.tf.Scalar, weights.map((w) => w.variable));
      for (const w of weights) {
        const grad = grads[w.variable.name];
        targets.push({
          name: `weight '${w.name}'`,
          shape: w.shape,
          values: Float32Array.from(w.read().dataSync() as Float32Array),
          // No gradient at all means the output does not depend on the weight: zeros.
          analytic: grad ? Float32Array.from(grad.dataSync() as Float32Array) : new Float32Array(w.read().size),
          set: (values) => tf.tidy(() => w.variable.assign(tf.tensor(values, w.shape))),
        });
      }
      tf.dispose([...(value ? [value] : []), ...Object.values(grads)]);
    }
    const f0 = evaluate();
    for (const target of targets) checkTarget(spec.name, target, evaluate, f0, eps, tolerance, maxCoordinates);
  } finally {
    x.dispose();
    r.dispose();
    layer.dispose();
  }
}

/**
 * tf.variableGrads, except that a function reaching none of the variables gives no gradients
 * (all zeros) instead of throwing: the finite differences then show what is missing.
 */
function weightGradients(f: () => st.tf.Scalar, variables: st.tf.Variable[]): { value: st.Tensor | null; grads: st.tf.NamedTensorMap } {
  try {
    return tf.variableGrads(f, variables);
  } catch (e) {
    if (/Cannot find a connection/.test((e as Error).message)) return { value: null, grads: {} };
    throw e;
  }
}

function checkTarget(
  where: string,
  target: Target,
  evaluate: () => number,
  f0: number,
  eps: number,
  tolerance: { atol: number; rtol: number },
  maxCoordinates: number,
): void {
  const values = Float32Array.from(target.values);
  for (const i of sampleIndices(values.length, maxCoordinates)) {
    const x0 = target.values[i];
    const set = (v: number) => {
      values[i] = v;
      target.set(values);
    };
    const d = differences(evaluate, set, x0, f0, eps);
    if (judge(target.analytic[i], d, tolerance) === 'central') continue;
    // Otherwise a kink (relu at 0) may lie within eps. Confirm at a 4x smaller step, where the
    // central difference or the one-sided difference away from the kink is exact. A match at
    // eps alone is not enough: on a curved function a wrong value can equal a one-sided
    // difference at one step size, but not at two (they differ by ~eps·f''·3/8).
    const small = differences(evaluate, set, x0, f0, eps / 4);
    if (judge(target.analytic[i], small, tolerance) !== 'mismatch') continue;
    throw new LayerTestFailure(
      `${where}: gradient w.r.t. ${target.name} at flat index ${i} (shape [${target.shape}]): autodiff gives ` +
        `${target.analytic[i]}, finite differences give ${d.central} (central), ${d.forward} (forward), ` +
        `${d.backward} (backward) with eps ${eps}, and ${small.central}, ${small.forward}, ${small.backward} ` +
        `with eps ${eps / 4}; atol ${tolerance.atol}, rtol ${tolerance.rtol}.`,
    );
  }
}
