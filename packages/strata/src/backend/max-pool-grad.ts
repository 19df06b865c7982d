// MaxPoolGrad (the input gradient of 2-D max pooling) composed from a backend's own kernels, for
// pooling windows that tile the input (strides equal to the pool size: LeNet's 2x2/2 and most
// CNNs). tfjs-wasm 4.22's native MaxPoolGrad routes some gradients to the wrong positions.
//
// The windows are cut out by a reshape + transpose into rows of poolH·poolW values; the first
// maximum of each row (ArgMax, as TF picks it) receives dy through a one-hot mask, and the rows
// are put back in place by the inverse transpose. Padding uses -Infinity, so a window that
// overhangs the input takes its maximum over real values only.
import { tf } from '../runtime/tf.js';
import { withScratch } from './kernel-scratch.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

type MaxPoolGradAttrs = {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

export function composedMaxPoolGrad(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { dy, input: x } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as unknown as MaxPoolGradAttrs;
    if (x.dtype !== 'float32' || x.shape.length !== 4) return fallback(args);
    const info = tf.backend_util.computePool2DInfo(
      x.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode,
    );
    const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
    const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, padInfo } = info;
    if (sh !== fh || sw !== fw) return fallback(args);
    const rows = oh * fh;
    const cols = ow * fw;
    const { top, left } = padInfo;
    return withScratch(backendName, args.backend, (s) => {
      // The region the windows tile, in input coordinates [-top, rows - top) x [-left, cols - left).
      const padded = s.run('PadV2', { x }, {
        paddings: [[0, 0], [top, Math.max(0, rows - top - h)], [left, Math.max(0, cols - left - w)], [0, 0]],
        constantValue: -Infinity,
      });
      const tiled = s.run('Slice', { x: padded }, { begin: [0, 0, 0, 0], size: [n, rows, cols, c] });
      const windows = s.run('Transpose', { x: s.reshape(tiled, [n, oh, fh, ow, fw, c]) }, { perm: [0, 1, 3, 5, 2, 4] });
      const flat = s.reshape(windows, [n * oh * ow * c, fh * fw]);
      const first = s.run('ArgMax', { x: flat }, { axis: 1 });
      // wasm's OneHot writes int32 whatever dtype it is asked for; cast before multiplying.
      const oneHot = s.run('OneHot', { indices: first }, { depth: fh * fw, onValue: 1, offValue: 0, dtype: 'int32' });
      const mask = s.run('Cast', { x: oneHot }, { dtype: 'float32' });
      // dy is [n, oh, ow, c]: already one value per window row, in the same order.
      const routed = s.run('Multiply', { a: mask, b: s.reshape(dy, [n * oh * ow * c, 1]) });
      const back = s.run('Transpose', { x: s.reshape(routed, [n, oh, ow, c, fh, fw]) }, { perm: [0, 1, 4, 2, 5, 3] });
      const grid = s.reshape(back, [n, rows, cols, c]);
      // Back to input coordinates: rows/cols the windows never reached get a zero gradient.
      const extended = s.run('PadV2', { x: grid }, {
        paddings: [[0, 0], [0, Math.max(0, top + h - rows)], [0, Math.max(0, left + w - cols)], [0, 0]],
        constantValue: 0,
      });
      return s.result('Slice', { x: extended }, { begin: [0, top, left, 0], size: [n, h, w, c] });
    });
  };
}
