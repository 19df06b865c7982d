// Einsum composed from a backend's Transpose, Reshape, Multiply and Sum kernels.
//
// Every operand is aligned on one axis list (the output's letters, then the summed ones, as
// tfjs-core's decodeEinsumEquation orders them): transposed into that order, with size-1 axes for
// the letters it lacks. The aligned operands are multiplied left to right (broadcasting), and a
// summed letter is summed out (keeping a size-1 axis) as soon as no later operand has it, so
// the product never holds more axes than it must. A final reshape drops the summed axes.
import { tf } from '../runtime/tf.js';
import { withScratch } from './kernel-scratch.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Einsum for `backendName`; equations with a letter repeated inside one operand go to `fallback`. */
export function composedEinsum(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend } = args;
    const terms = (Array.isArray(args.inputs) ? args.inputs : Object.values(args.inputs)) as TensorInfo[];
    const { equation } = args.attrs as unknown as { equation: string };
    let decoded: ReturnType<typeof tf.backend_util.decodeEinsumEquation>;
    try {
      decoded = tf.backend_util.decodeEinsumEquation(equation, terms.length);
    } catch {
      return fallback(args);
    }
    const { allDims, summedDims, idDims } = decoded;
    const rank = allDims.length;
    if (terms.some((t) => t.dtype !== 'float32') || idDims.some((ids) => new Set(ids).size !== ids.length)) {
      return fallback(args);
    }
    const sizes = new Array<number>(rank).fill(1);
    idDims.forEach((ids, t) => ids.forEach((dim, axis) => (sizes[dim] = terms[t]!.shape[axis]!)));
    const outputRank = rank - summedDims.length;
    // The last operand holding each summed letter: sum that letter out right after it.
    const lastUse = new Map<number, number>();
    for (const dim of summedDims) {
      idDims.forEach((ids, t) => {
        if (ids.includes(dim)) lastUse.set(dim, t);
      });
    }

    return withScratch(backendName, backend, (s) => {
      let product: TensorInfo | null = null;
      terms.forEach((term, t) => {
        const ids = idDims[t]!;
        const order = ids.map((_, axis) => axis).sort((p, q) => ids[p]! - ids[q]!);
        const sorted = order.some((axis, i) => axis !== i) ? s.run('Transpose', { x: term }, { perm: order }) : term;
        const alignedShape = sizes.map((size, dim) => (ids.includes(dim) ? size : 1));
        const aligned = s.reshape(sorted, alignedShape);
        product = product === null ? aligned : s.run('Multiply', { a: product, b: aligned });
        const done = summedDims.filter((dim) => lastUse.get(dim) === t);
        if (done.length > 0) product = s.run('Sum', { x: product }, { axis: done, keepDims: true });
      });
      return s.result('Reshape', { x: product! }, { shape: sizes.slice(0, outputRank) });
    });
  };
}
