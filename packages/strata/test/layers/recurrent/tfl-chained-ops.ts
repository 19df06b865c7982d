// tfjs-layers' recurrent code calls chained tensor methods (`x.flatten()`, `x.reshape(...)`),
// which plain Node's tfjs-core never registers (DESIGN §9). This registers, for this test
// process only, a method for every functional op (x.op(...args) = tf.op(x, ...args)) plus the
// few chained methods with a different shape of call, as tfjs-core's chained_ops files do.
import { tf } from 'strata';

type Method = (this: tf.Tensor, ...args: unknown[]) => unknown;

export function registerChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, Method>;
  const ops = tf as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(ops)) {
    if (typeof fn !== 'function' || name in proto || /^[A-Z]/.test(name)) continue;
    proto[name] = function (...args: unknown[]) {
      return (fn as (...a: unknown[]) => unknown)(this, ...args);
    };
  }
  const special: Record<string, Method> = {
    flatten() {
      return tf.reshape(this, [this.size]);
    },
    asScalar() {
      return tf.reshape(this, []);
    },
    as1D() {
      return tf.reshape(this, [this.size]);
    },
    as2D(...shape: unknown[]) {
      return tf.reshape(this, shape as number[]);
    },
    as3D(...shape: unknown[]) {
      return tf.reshape(this, shape as number[]);
    },
    as4D(...shape: unknown[]) {
      return tf.reshape(this, shape as number[]);
    },
    asType(dtype: unknown) {
      return tf.cast(this, dtype as tf.DataType);
    },
    toFloat() {
      return tf.cast(this, 'float32');
    },
    toInt() {
      return tf.cast(this, 'int32');
    },
    toBool() {
      return tf.cast(this, 'bool');
    },
    reshapeAs(other: unknown) {
      return tf.reshape(this, (other as tf.Tensor).shape);
    },
    concat(x: unknown, axis: unknown) {
      return tf.concat([this, ...(x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]))], axis as number);
    },
    stack(x: unknown, axis: unknown) {
      return tf.stack([this, ...(x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]))], axis as number);
    },
    where(condition: unknown, x: unknown) {
      return tf.where(condition as tf.Tensor, this, x as tf.Tensor);
    },
  };
  for (const [name, method] of Object.entries(special)) proto[name] = method;
}
