// The two gradients of depthwise conv2d composed from a backend's own kernels, so separable and
// depthwise convolutions train on wasm without the cpu bridge. Shapes: x [N, H, W, C], filter
// [KH, KW, C, M] (M = channel multiplier), dy [N, OH, OW, C·M], channel c·M + k from (c, k).
//
// Filter: for each tap (a, b), the input pixels it touched form a strided slice X_ab
//   [N·OH·OW, C]; dW[a, b, c, k] = Σ_rows X_ab[row, c] · dy[row, c, k] (a broadcast multiply and
//   a sum over rows), and dW is the KH·KW taps stacked.
// Input: the transposed convolution. Spread dy out by the stride (zeros between rows/columns),
//   pad it, and correlate it with the spatially flipped filter, as a depthwise conv over C·M
//   channels with multiplier 1; then sum the M outputs of each input channel.
import { tf } from '../runtime/tf.js';
import { stridedSliceAttrs, withScratch, type KernelScratch } from './kernel-scratch.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];
type Shape4 = [number, number, number, number];
type DepthwiseGradAttrs = {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: Shape4;
  inputShape?: Shape4;
};

function convInfo(inputShape: Shape4, filterShape: Shape4, a: DepthwiseGradAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inputShape, filterShape, a.strides, a.dilations, a.pad, a.dimRoundingMode, true, 'channelsLast',
  );
}

/** DepthwiseConv2dNativeBackpropFilter from PadV2, StridedSlice, Reshape, Multiply, Sum, Concat. */
export function composedDepthwiseBackpropFilter(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend } = args;
    const a = args.attrs as unknown as DepthwiseGradAttrs;
    const x = inputs['x'];
    const dy = inputs['dy'];
    if (x == null || dy == null || a.filterShape == null || x.dtype !== 'float32' || dy.dtype !== 'float32') {
      return fallback(args);
    }
    const info = convInfo(x.shape as Shape4, a.filterShape, a);
    const { batchSize, outHeight, outWidth, inChannels, filterHeight, filterWidth, padInfo } = info;
    const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    const { top, bottom, left, right } = padInfo;
    const multiplier = a.filterShape[3];
    // Every tap's slice must lie inside the padded input (not so for dimRoundingMode 'ceil').
    if (
      (filterHeight - 1) * dh + sh * (outHeight - 1) + 1 > info.inHeight + top + bottom ||
      (filterWidth - 1) * dw + sw * (outWidth - 1) + 1 > info.inWidth + left + right
    ) {
      return fallback(args);
    }
    const rows = batchSize * outHeight * outWidth;
    return withScratch(backendName, backend, (s) => {
      const padded =
        top || bottom || left || right
          ? s.run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })
          : x;
      const dy3 = s.reshape(dy, [rows, inChannels, multiplier]);
      const taps: TensorInfo[] = [];
      for (let r = 0; r < filterHeight; r++) {
        for (let c = 0; c < filterWidth; c++) {
          const r0 = r * dh;
          const c0 = c * dw;
          const slice = s.run('StridedSlice', { x: padded }, stridedSliceAttrs(
            [0, r0, c0, 0],
            [batchSize, r0 + sh * (outHeight - 1) + 1, c0 + sw * (outWidth - 1) + 1, inChannels],
            [1, sh, sw, 1],
          ));
          const patch = s.reshape(slice, [rows, inChannels, 1]);
          const product = s.run('Multiply', { a: patch, b: dy3 });
          taps.push(s.run('Sum', { x: product }, { axis: [0], keepDims: false }));
        }
      }
      const stacked = taps.length === 1 ? taps[0]! : s.run('Concat', taps, { axis: 0 });
      return s.result('Reshape', { x: stacked }, { shape: a.filterShape });
    });
  };
}

/** dy [N, OH, OW, ch] with (stride - 1) zeros between neighbouring rows and columns. */
function spreadByStride(s: KernelScratch, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return dy;
  const [n, oh, ow, ch] = dy.shape as Shape4;
  const cells = s.reshape(dy, [n, oh, 1, ow, 1, ch]);
  const padded = s.run('PadV2', { x: cells }, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  const flat = s.reshape(padded, [n, oh * sh, ow * sw, ch]);
  return s.run('Slice', { x: flat }, { begin: [0, 0, 0, 0], size: [n, (oh - 1) * sh + 1, (ow - 1) * sw + 1, ch] });
}

/** DepthwiseConv2dNativeBackpropInput from PadV2, Slice, Reshape, Reverse, DepthwiseConv2dNative, Sum. */
export function composedDepthwiseBackpropInput(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend } = args;
    const a = args.attrs as unknown as DepthwiseGradAttrs;
    const dy = inputs['dy'];
    const filter = inputs['filter'];
    if (dy == null || filter == null || a.inputShape == null || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
      return fallback(args);
    }
    const filterShape = filter.shape as Shape4;
    const info = convInfo(a.inputShape, filterShape, a);
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
    const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, padInfo } = info;
    const multiplier = filterShape[3];
    // Padding of the spread dy so that a 'valid' correlation with the flipped filter gives H x W.
    const spreadH = (outHeight - 1) * sh + 1;
    const spreadW = (outWidth - 1) * sw + 1;
    const top = (filterHeight - 1) * dh - padInfo.top;
    const left = (filterWidth - 1) * dw - padInfo.left;
    const bottom = inHeight + (filterHeight - 1) * dh - top - spreadH;
    const right = inWidth + (filterWidth - 1) * dw - left - spreadW;
    if (Math.min(top, left, bottom, right) < 0) return fallback(args);
    const channels = inChannels * multiplier;
    return withScratch(backendName, backend, (s) => {
      const spread = spreadByStride(s, dy, sh, sw);
      const padded =
        top || bottom || left || right
          ? s.run('PadV2', { x: spread }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })
          : spread;
      const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] });
      const perChannel = s.reshape(flipped, [filterHeight, filterWidth, channels, 1]);
      const conv = s.run('DepthwiseConv2dNative', { x: padded, filter: perChannel }, {
        strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [dh, dw],
      });
      if (multiplier === 1) return s.result('Reshape', { x: conv }, { shape: a.inputShape });
      const split = s.reshape(conv, [batchSize, inHeight, inWidth, inChannels, multiplier]);
      return s.result('Sum', { x: split }, { axis: [4], keepDims: false });
    });
  };
}
