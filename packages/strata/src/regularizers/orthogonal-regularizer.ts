// Keras 3's OrthogonalRegularizer: pushes the rows (or columns) of a rank-2 weight towards being
// orthogonal. Penalty = factor · 0.5 · Σ|off-diagonal of Ŵ·Ŵᵀ| / (n(n-1)/2), Ŵ the L2-normalized
// rows (mode 'rows') or columns (mode 'columns'), n their number.
import { ValueError, formatShape } from '../errors.js';
import { tf, type Tensor } from '../runtime/tf.js';
import { readFactor } from './l1-l2.js';
import type { Regularizer } from './regularizer.js';

export type OrthogonalMode = 'rows' | 'columns';
export type OrthogonalRegularizerConfig = { factor?: number; mode?: OrthogonalMode };

/** Keras' backend epsilon: the inverse norm is capped at 1/epsilon (all-zero rows stay zero). */
const EPSILON = 1e-7;

export class OrthogonalRegularizer implements Regularizer {
  static readonly className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: OrthogonalMode;

  constructor(args: OrthogonalRegularizerConfig = {}) {
    this.factor = readFactor(args.factor, 'factor', 'OrthogonalRegularizer', 0.01);
    const mode = args.mode ?? 'rows';
    if (mode !== 'rows' && mode !== 'columns') {
      throw new ValueError(`OrthogonalRegularizer: argument 'mode' must be 'rows' or 'columns', found ${JSON.stringify(mode)}.`);
    }
    this.mode = mode;
  }

  apply(weight: Tensor): Tensor {
    if (weight.rank !== 2) {
      throw new ValueError(`OrthogonalRegularizer: the weight must have rank 2, found shape ${formatShape(weight.shape)}.`);
    }
    return tf.tidy(() => {
      // Work on rows; columns mode transposes first.
      const w = this.mode === 'rows' ? weight : tf.transpose(weight);
      const n = w.shape[0];
      if (n < 2) return tf.scalar(0, weight.dtype);
      const invNorm = tf.minimum(tf.rsqrt(tf.sum(tf.square(w), 1, true)), 1 / EPSILON);
      const unit = tf.mul(w, invNorm);
      const product = tf.matMul(unit, unit, false, true);
      const offDiagonal = tf.mul(product, tf.sub(1, tf.eye(n, n, undefined, weight.dtype)));
      const pairs = (n * (n - 1)) / 2;
      return tf.mul(tf.sum(tf.abs(offDiagonal)), (this.factor * 0.5) / pairs);
    });
  }

  getClassName(): string {
    return OrthogonalRegularizer.className;
  }

  getConfig(): { factor: number; mode: OrthogonalMode } {
    return { factor: this.factor, mode: this.mode };
  }

  static fromConfig(config: OrthogonalRegularizerConfig): OrthogonalRegularizer {
    return new OrthogonalRegularizer(config);
  }
}

export const orthogonalRegularizer = (args: OrthogonalRegularizerConfig = {}): OrthogonalRegularizer =>
  new OrthogonalRegularizer(args);
