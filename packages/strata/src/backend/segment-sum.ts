// UnsortedSegmentSum composed from a backend's ScatterNd kernel, which adds rows that land on the
// same index. It is the gradient of gather (so of Embedding): out[s] = Σ_{i: ids[i] = s} x[i].
// Segment ids outside [0, numSegments) are dropped, as TensorFlow does; ScatterNd would instead
// write outside its output, so the ids are checked on the host first (cheap: the backends that
// compose this keep tensors in host memory, and ids are one int per row).
import { tf } from '../runtime/tf.js';
import { withScratch } from './kernel-scratch.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** UnsortedSegmentSum for `backendName`; ids out of range, or not 1-D over x's rows, go to `fallback`. */
export function composedUnsortedSegmentSum(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend } = args;
    const x = inputs['x'];
    const ids = inputs['segmentIds'];
    const { numSegments } = args.attrs as unknown as { numSegments: number };
    if (x == null || ids == null || ids.shape.length !== 1 || x.shape.length === 0 || ids.shape[0] !== x.shape[0] || ids.shape[0] === 0) {
      return fallback(args);
    }
    const target = backend as tf.KernelBackend;
    const values = target.readSync(ids.dataId) as ArrayLike<number>;
    for (let i = 0; i < values.length; i++) {
      const id = values[i]!;
      if (!(id >= 0 && id < numSegments) || !Number.isInteger(id)) return fallback(args);
    }
    return withScratch(backendName, backend, (s) => {
      const intIds = ids.dtype === 'int32' ? ids : s.run('Cast', { x: ids }, { dtype: 'int32' });
      const indices = s.reshape(intIds, [ids.shape[0]!, 1]);
      return s.result('ScatterNd', { indices, updates: x }, { shape: [numSegments, ...x.shape.slice(1)] });
    });
  };
}
