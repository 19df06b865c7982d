// Running one backend's kernels from inside another kernel, as tfjs kernels call each other:
// a composed kernel (Conv2DBackpropFilter on wasm, say) builds its result from the backend's own
// fast kernels and must free every intermediate it made, whatever happens.
import { tf } from '../runtime/tf.js';

type TensorInfo = tf.TensorInfo;

function single(out: TensorInfo | TensorInfo[]): TensorInfo {
  return Array.isArray(out) ? out[0]! : out;
}

/** The kernel function `name` of `backendName`, as registered now (guards and wrappers included). */
export function backendKernel(name: string, backendName: string): tf.KernelFunc {
  const config = tf.getKernel(name, backendName);
  if (config == null) throw new Error(`Expected kernel '${name}' to be registered for backend '${backendName}'.`);
  return config.kernelFunc;
}

/**
 * Intermediates of one composed kernel call. `run` makes a temporary that `dispose` frees;
 * `result` makes the output, which outlives `dispose` (a reshape of a temporary shares its data
 * through a reference count, so freeing the temporary leaves the result intact).
 */
export class KernelScratch {
  private readonly temps: TensorInfo[] = [];

  constructor(
    private readonly backendName: string,
    private readonly backend: tf.KernelBackend,
  ) {}

  private call(name: string, inputs: tf.NamedTensorInfoMap | TensorInfo[], attrs: object): TensorInfo {
    const kernel = backendKernel(name, this.backendName);
    return single(kernel({ inputs: inputs as tf.NamedTensorInfoMap, backend: this.backend, attrs: attrs as tf.NamedAttrMap }));
  }

  run(name: string, inputs: tf.NamedTensorInfoMap | TensorInfo[], attrs: object = {}): TensorInfo {
    const out = this.call(name, inputs, attrs);
    this.temps.push(out);
    return out;
  }

  result(name: string, inputs: tf.NamedTensorInfoMap | TensorInfo[], attrs: object = {}): TensorInfo {
    return this.call(name, inputs, attrs);
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` with a scratch area for `backendName`, freeing its temporaries afterwards. */
export function withScratch<T>(backendName: string, backend: unknown, body: (s: KernelScratch) => T): T {
  const scratch = new KernelScratch(backendName, backend as tf.KernelBackend);
  try {
    return body(scratch);
  } finally {
    scratch.dispose();
  }
}

/** StridedSlice attributes with every mask off. */
export function stridedSliceAttrs(begin: number[], end: number[], strides: number[]): object {
  return { begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 };
}
