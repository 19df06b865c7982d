// Cosine similarity loss: -sum(l2normalize(yTrue) * l2normalize(yPred)) along `axis`, so -1 means
// the same direction (the best value) and 1 the opposite one. The metric of the same name is
// the positive similarity.
import { tf, type Tensor } from '../runtime/tf.js';
import { ValueError, formatShape } from '../errors.js';
import { Loss, type LossConfig } from './loss.js';
import { EPSILON, resolveAxis, sameShape, squeezeOrExpandToSameRank, toFloat } from './loss-utils.js';

/** x / max(||x||, 1e-7) along `axis` (Keras' normalize: the squared norm is floored at eps^2). */
export function l2Normalize(x: Tensor, axis: number): Tensor {
  const squareSum = tf.sum(tf.square(x), axis, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squareSum, EPSILON * EPSILON)));
}

/** sum(l2normalize(yTrue) * l2normalize(yPred)) along `axis`: the positive similarity. */
export function cosineSimilarityValue(where: string, yTrue: Tensor, yPred: Tensor, axis = -1): Tensor {
  const [t, p] = squeezeOrExpandToSameRank(toFloat(yTrue), toFloat(yPred));
  if (!sameShape(t.shape, p.shape)) {
    throw new ValueError(`${where}: expected yTrue and yPred of the same shape, found ${formatShape(yTrue.shape)} and ${formatShape(yPred.shape)}.`);
  }
  const a = resolveAxis(where, axis, p.rank);
  return tf.sum(tf.mul(l2Normalize(t, a), l2Normalize(p, a)), a);
}

/** Per-sample cosine similarity loss (negative similarity). */
export function cosineSimilarity(yTrue: Tensor, yPred: Tensor, axis = -1): Tensor {
  return tf.neg(cosineSimilarityValue("Loss 'cosine_similarity'", yTrue, yPred, axis));
}

export type CosineSimilarityConfig = LossConfig & { axis?: number };

export class CosineSimilarity extends Loss {
  static override readonly className = 'CosineSimilarity';
  readonly axis: number;

  constructor(config: CosineSimilarityConfig = {}) {
    super(config);
    const axis = config.axis ?? -1;
    if (!Number.isInteger(axis)) {
      throw new ValueError(`Loss 'cosine_similarity': expected axis to be an integer, found ${JSON.stringify(config.axis)}.`);
    }
    this.axis = axis;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return cosineSimilarity(yTrue, yPred, this.axis);
  }

  override getConfig(): CosineSimilarityConfig {
    return { ...super.getConfig(), axis: this.axis };
  }

  static fromConfig(config: CosineSimilarityConfig): CosineSimilarity {
    return new CosineSimilarity(config);
  }
}
