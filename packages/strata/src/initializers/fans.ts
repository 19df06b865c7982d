// Fan-in / fan-out of a weight shape, as Keras 3 computes them (kernels are channels-last).

/**
 * - rank 0: (1, 1); rank 1: (n, n);
 * - rank 2 (dense kernel [in, out]): (in, out);
 * - rank >= 3 (conv kernel [...receptive field, in, out]): (in * field, out * field).
 * tfjs-layers differs for rank > 5 (it uses sqrt of the element count); Keras' rule is kept.
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    fanIn: shape[shape.length - 2] * receptiveField,
    fanOut: shape[shape.length - 1] * receptiveField,
  };
}
