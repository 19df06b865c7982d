// Conv2DBackpropFilter (the kernel-weight gradient of conv2d) composed from a backend's own fast
// kernels, so training a CNN on wasm does not go through the cpu kernel, which computes this
// gradient element by element (~0.01 GFLOP/s here: 14 s for one 3x3x32x64 layer, batch 32).
//
// For each filter tap (a, b), the input pixels that tap touched form a strided slice of the
// (padded) input, one row per output position: X_ab [N·OH·OW, CI]. With dy as [N·OH·OW, CO],
//   dW[a, b] = X_ab^T · dy            ([CI, CO], one matmul per tap)
// and dW is those KH·KW matrices stacked. Memory stays at one slice at a time.
import { tf } from '../runtime/tf.js';
import { stridedSliceAttrs, withScratch } from './kernel-scratch.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

type FilterGradAttrs = {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};

/**
 * A Conv2DBackpropFilter kernel for `backendName` built from its PadV2, StridedSlice, Reshape,
 * BatchMatMul and Concat kernels. Cases it does not handle (NCHW, non-float32) go to `fallback`.
 */
export function composedConv2dBackpropFilter(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
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
    return withScratch(backendName, backend, (s) => {
      const padded =
        top || bottom || left || right
          ? s.run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })
          : x;
      const dy2 = s.reshape(dy, [rows, outChannels]);
      const taps: TensorInfo[] = [];
      for (let r = 0; r < filterHeight; r++) {
        for (let c = 0; c < filterWidth; c++) {
          const slice = s.run('StridedSlice', { x: padded }, stridedSliceAttrs(
            [0, r, c, 0],
            [batchSize, r + strideHeight * (outHeight - 1) + 1, c + strideWidth * (outWidth - 1) + 1, inChannels],
            [1, strideHeight, strideWidth, 1],
          ));
          const patch = s.reshape(slice, [rows, inChannels]);
          taps.push(s.run('BatchMatMul', { a: patch, b: dy2 }, { transposeA: true, transposeB: false }));
        }
      }
      const stacked = taps.length === 1 ? taps[0]! : s.run('Concat', taps, { axis: 0 });
      return s.result('Reshape', { x: stacked }, { shape: a.filterShape });
    });
  };
}
