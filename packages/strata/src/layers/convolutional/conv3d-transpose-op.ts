// tf.conv3dTranspose with a gradient. tfjs-core 4.22 registers none for its kernel
// (Conv3DBackpropInputV2), so training a Conv3DTranspose would fail. A transposed convolution
// is the adjoint of the convolution conv3d(·, w) that maps the output space back to the input
// space, which gives both gradients in terms of kernels that exist:
//   d/dx = conv3d(dy, w)                  (the forward convolution itself)
//   d/dw = Conv3DBackpropFilterV2(dy, x)  (its filter gradient, with dy as the input and x as dy)
import { tf } from '../../runtime/tf.js';

type Triple = [number, number, number];
type Pad = 'valid' | 'same';

export function conv3dTranspose(
  x: tf.Tensor5D,
  kernel: tf.Tensor5D,
  outputShape: [number, number, number, number, number],
  strides: Triple,
  pad: Pad,
): tf.Tensor5D {
  // customGrad passes its arguments untyped: (x, kernel, save).
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, filter, save] = args as [tf.Tensor5D, tf.Tensor5D, tf.GradSaveFunc];
    save([input, filter]);
    const value: tf.Tensor = tf.conv3dTranspose(input, filter, outputShape, strides, pad);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xSaved, wSaved] = saved as [tf.Tensor5D, tf.Tensor5D];
      const dx = tf.conv3d(dy as tf.Tensor5D, wSaved, strides, pad);
      const dw = tf.engine().runKernel(
        'Conv3DBackpropFilterV2',
        { x: dy, dy: xSaved },
        { strides, pad, filterShape: wSaved.shape },
      ) as tf.Tensor;
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op(x, kernel) as tf.Tensor5D;
}
