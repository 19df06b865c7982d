// Conv2DBackpropFilter (the kernel-weight gradient of conv2d) composed from a backend's own fast
// kernels, so training a CNN on wasm does not go through the cpu kernel, which computes this
// gradient element by element (~0.01 GFLOP/s here: 14 s for one 3x3x32x64 layer, batch 32).
//
// For each filter tap (a, b), the input pixels that tap touched form a strided slice of the
// (padded) input, one row per output position: X_ab [N·OH·OW, CI]. With dy as [N·OH·OW, CO],
//   dW[a, b] = X_ab^T · dy            ([CI, CO], one matmul per tap)
// and dW is those KH·KW matrices stacked. Memory stays at one slice at a time.
import { tf } from '../runtime/tf.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

type FilterGradAttrs = {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};

/** Kernels of `backendName` that the composition calls directly, as tfjs kernels call each other. */
const NEEDED = ['PadV2', 'StridedSlice', 'Reshape', 'BatchMatMul', 'Concat'] as const;

/**
 * A Conv2DBackpropFilter kernel for `backendName` built from its PadV2, StridedSlice, Reshape,
 * BatchMatMul and Concat kernels. Cases it does not handle (NCHW, non-float32) go to `fallback`.
 */
export function composedConv2dBackpropFilter(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  const kernel = (name: (typeof NEEDED)[number]): tf.KernelFunc => {
    const config = tf.getKernel(name, backendName);
    if (config == null) throw new Error(`Expected kernel '${name}' to be registered for backend '${backendName}'.`);
    return config.kernelFunc;
  };
  const [padV2, stridedSlice, reshape, batchMatMul, concat] = NEEDED.map(kernel) as [
    tf.KernelFunc, tf.KernelFunc, tf.KernelFunc, tf.KernelFunc, tf.KernelFunc,
  ];
  const single = (out: TensorInfo | TensorInfo[]): TensorInfo => (Array.isArray(out) ? out[0]! : out);

  return (args: KernelArgs) => {
    const { inputs, attrs, backend } = args;
    const x = inputs['x'];
    const dy = inputs['dy'];
    const a = attrs as unknown as FilterGradAttrs;
    if (x == null || dy == null || a.dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') {
      return fallback(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode,
      false, 'channelsLast',
    );
    const { batchSize, outHeight, outWidth, inChannels, outChannels, filterHeight, filterWidth } = info;
    const { strideHeight, strideWidth, padInfo, inHeight, inWidth } = info;
    const { top, bottom, left, right } = padInfo;
    // Every tap's slice must fit in the padded input; a rounding mode that adds output rows
    // beyond it (dimRoundingMode 'ceil') is left to the fallback.
    if (
      filterHeight + strideHeight * (outHeight - 1) > inHeight + top + bottom ||
      filterWidth + strideWidth * (outWidth - 1) > inWidth + left + right
    ) {
      return fallback(args);
    }
    const rows = batchSize * outHeight * outWidth;
    const temps: TensorInfo[] = [];
    const run = (f: tf.KernelFunc, ins: tf.NamedTensorInfoMap | TensorInfo[], at: tf.NamedAttrMap = {}) => {
      const out = single(f({ inputs: ins as tf.NamedTensorInfoMap, backend, attrs: at }));
      temps.push(out);
      return out;
    };
    try {
      const padded =
        top || bottom || left || right
          ? run(padV2, { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })
          : x;
      const dy2 = run(reshape, { x: dy }, { shape: [rows, outChannels] });
      const taps: TensorInfo[] = [];
      for (let r = 0; r < filterHeight; r++) {
        for (let c = 0; c < filterWidth; c++) {
          const slice = run(stridedSlice, { x: padded }, {
            begin: [0, r, c, 0],
            end: [batchSize, r + strideHeight * (outHeight - 1) + 1, c + strideWidth * (outWidth - 1) + 1, inChannels],
            strides: [1, strideHeight, strideWidth, 1],
            beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
          });
          const patch = run(reshape, { x: slice }, { shape: [rows, inChannels] });
          taps.push(run(batchMatMul, { a: patch, b: dy2 }, { transposeA: true, transposeB: false }));
        }
      }
      const stacked = taps.length === 1 ? taps[0]! : run(concat, taps, { axis: 0 });
      // The result must outlive the cleanup below: reshape makes a new reference to the data.
      return single(reshape({ inputs: { x: stacked }, backend, attrs: { shape: a.filterShape } }));
    } finally {
      const target = backend as tf.KernelBackend;
      for (const t of temps) target.disposeData(t.dataId);
    }
  };
}
