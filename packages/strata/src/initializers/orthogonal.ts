// Orthogonal: a random orthogonal matrix (Saxe et al. 2014), as Keras 3 builds it.
import { ValueError, formatShape } from '../errors.js';
import { tf, type DataType, type Tensor } from '../runtime/tf.js';
import { Initializer, checkFloatDtype, checkShape, readNumber, readSeed } from './initializer.js';
import { seedArg } from './random-initializers.js';

/**
 * Orthonormalizes the columns of a row-major [m, n] matrix (m >= n) in float64 by modified
 * Gram-Schmidt, run twice per column to keep orthogonality at rounding level. The result is the
 * Q of the QR factorization whose R has a positive diagonal — exactly Keras' `q * sign(diag(r))`.
 * Done in JS rather than with `tf.linalg.qr`: this runs once per weight, and one pass over a
 * Float64Array is far cheaper than hundreds of small tensor ops on the CPU backend.
 */
function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const q = Float64Array.from(a);
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i * n + k] * q[i * n + j];
        for (let i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * n + j] * q[i * n + j];
    norm = Math.sqrt(norm);
    if (!(norm > 0)) throw new ValueError('Orthogonal: the random matrix drawn was singular; use another seed.');
    for (let i = 0; i < m; i++) q[i * n + j] /= norm;
  }
  return q;
}

export type OrthogonalConfig = { gain?: number; seed?: number | null };

export class Orthogonal extends Initializer {
  static override readonly className = 'Orthogonal';
  readonly gain: number;
  readonly seed: number | null;

  constructor(args: OrthogonalConfig = {}) {
    super();
    this.gain = readNumber(args.gain, 'gain', 'Orthogonal', 1);
    this.seed = readSeed(args.seed, 'Orthogonal');
  }

  /**
   * The shape is flattened to [prod(shape[:-1]), shape[-1]] (so conv kernels work); a matrix with
   * more rows than columns gets orthonormal columns, otherwise orthonormal rows. Times `gain`.
   */
  apply(shape: number[], dtype: DataType = 'float32'): Tensor {
    checkShape(shape, 'Orthogonal');
    checkFloatDtype(dtype, 'Orthogonal');
    if (shape.length < 2) {
      throw new ValueError(
        `Orthogonal: argument 'shape' must have rank >= 2, found ${formatShape(shape)} of rank ${shape.length}.`,
      );
    }
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    if (rows === 0 || cols === 0) return tf.zeros(shape, 'float32');
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const drawn = tf.randomNormal([m, n], 0, 1, 'float32', seedArg(this.seed));
    const q = orthonormalColumns(drawn.dataSync(), m, n);
    drawn.dispose();
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        // q is [rows, cols] when rows >= cols, else [cols, rows] and is transposed here.
        out[r * cols + c] = this.gain * (rows >= cols ? q[r * n + c] : q[c * n + r]);
      }
    }
    return tf.tensor(out, shape, 'float32');
  }

  override getConfig(): OrthogonalConfig {
    return { gain: this.gain, seed: this.seed };
  }

  static fromConfig(config: OrthogonalConfig): Orthogonal {
    return new Orthogonal(config);
  }
}
