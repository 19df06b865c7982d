// Running one conformance case on the active backend and reading its numbers back. Everything is
// created from plain arrays and read with `await data()`, so no tensor ever crosses backends
// (WebGPU in Node cannot read synchronously) and nothing is left behind.
import * as st from 'strata';
import { randomValues, size } from '../random.js';
import type { InputSpec, OpCase } from './op-cases.js';
import type { OptimizerCase } from './optimizer-cases.js';

const tf = st.tf;

export type OpResult = { forward: number[]; grads: number[][] };

function input(spec: InputSpec, seed: number): st.Tensor {
  const values = randomValues(size(spec.shape), seed, spec.range ?? [-1, 1]);
  if (spec.dtype === 'int32') return tf.tensor(Int32Array.from(values, Math.floor), spec.shape, 'int32');
  return tf.tensor(values, spec.shape, 'float32');
}

async function read(t: st.Tensor): Promise<number[]> {
  return Array.from((await t.data()) as ArrayLike<number>);
}

/** The forward values and the gradients (w.r.t. every float input) of Σ fn(xs)·r for a fixed r. */
export async function evaluateOpCase(c: OpCase, seed = 1): Promise<OpResult> {
  const xs = c.inputs.map((spec, i) => input(spec, seed + i));
  const made: st.Tensor[] = [...xs];
  try {
    const y = tf.tidy(() => c.fn(...xs));
    made.push(y);
    const forward = await read(y);
    const grads: number[][] = [];
    if (c.grad !== false) {
      const floats = c.inputs.map((s, i) => (s.dtype === 'int32' ? -1 : i)).filter((i) => i >= 0);
      const r = tf.tensor(randomValues(y.size, seed + 1000), y.shape, 'float32');
      made.push(r);
      const objective = (...fx: st.Tensor[]) => {
        const all = [...xs];
        floats.forEach((k, j) => (all[k] = fx[j]!));
        return tf.sum(tf.mul(tf.cast(c.fn(...all), 'float32'), r));
      };
      const gs = tf.grads(objective)(floats.map((k) => xs[k]!));
      made.push(...gs);
      for (const g of gs) grads.push(await read(g));
    }
    return { forward, grads };
  } finally {
    tf.dispose(made);
  }
}

/** The variables after three steps of the optimizer with fixed gradients. */
export async function evaluateOptimizerCase(c: OptimizerCase, seed = 1): Promise<number[][]> {
  const shapes = [[3, 4], [4]];
  const variables = shapes.map((shape, i) => tf.tidy(() => tf.variable(tf.tensor(randomValues(size(shape), seed + i), shape), true)));
  const optimizer = c.make();
  try {
    for (let step = 0; step < 3; step++) {
      const gradients = shapes.map((shape, i) => tf.tensor(randomValues(size(shape), seed + 10 * (step + 1) + i), shape));
      optimizer.applyGradients(variables.map((variable, i) => ({ variable, gradient: gradients[i]! })));
      tf.dispose(gradients);
    }
    const out: number[][] = [];
    for (const v of variables) out.push(await read(v));
    return out;
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
}
