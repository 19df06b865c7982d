// Gradient clipping as Keras 3 does it. Pure tensor functions: no host reads, callers own `tidy`.
import { tf, type Tensor } from '../runtime/tf.js';

/** Scales `gradient` so its L2 norm is at most `clipnorm`: g * c / max(||g||, c). */
export function clipByNorm(gradient: Tensor, clipnorm: number): Tensor {
  const norm = tf.sqrt(tf.sum(tf.square(gradient)));
  return tf.div(tf.mul(gradient, clipnorm), tf.maximum(norm, clipnorm));
}

/** Clips every element into [-clipvalue, clipvalue]. */
export function clipByValue(gradient: Tensor, clipvalue: number): Tensor {
  return tf.clipByValue(gradient, -clipvalue, clipvalue);
}

/** The L2 norm of all gradients taken together, as one scalar tensor. */
export function globalNorm(gradients: readonly Tensor[]): Tensor {
  const squaredSums = gradients.map((g) => tf.sum(tf.square(g)));
  return tf.sqrt(tf.addN(squaredSums));
}

/**
 * Scales all gradients by one factor so their global norm is at most `clipnorm`, as
 * tf.clip_by_global_norm: scale = c / max(norm, c). A non-finite norm makes the scale NaN,
 * so a blown-up step is visible instead of silently zeroed.
 */
export function clipByGlobalNorm(gradients: readonly Tensor[], clipnorm: number): Tensor[] {
  if (gradients.length === 0) return [];
  const norm = globalNorm(gradients);
  const scale = tf.add(tf.div(clipnorm, tf.maximum(norm, clipnorm)), tf.sub(norm, norm));
  return gradients.map((g) => tf.mul(g, scale));
}
