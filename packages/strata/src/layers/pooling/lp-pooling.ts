// LPPooling1D/2D — a Strata addition (neither Keras nor tfjs-layers has it; PyTorch's LPPool is
// the model): each window becomes its p-norm, (Σ_window |x|^p)^(1/p). p = 1 is sum pooling of
// magnitudes, p = 2 (the default) the Euclidean norm, and large p approaches max pooling of |x|.
// Padding 'same' counts the padded entries as zeros. The gradient is infinite where a whole
// window is zero (the p-th root at 0), as for PyTorch's LPPool.
import type { Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BasePooling, type PoolingArgs, type PoolingConfig } from './base-pooling.js';
import { lpPoolNd } from './pool-ops.js';

export type LPPoolingArgs = PoolingArgs & {
  /** The norm's order, a finite number >= 1 (default 2). */
  p?: number;
};
export type LPPooling1DArgs = LPPoolingArgs;
export type LPPooling2DArgs = LPPoolingArgs;
export type LPPoolingConfig = PoolingConfig & { p: number };

abstract class BaseLPPooling extends BasePooling {
  readonly p: number;

  constructor(args: LPPoolingArgs, rank: number) {
    super(args, rank);
    const p = args.p ?? 2;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 1) {
      throw new ValueError(`${this.where}: p must be a finite number >= 1, found ${JSON.stringify(p)}.`);
    }
    this.p = p;
  }

  protected pool(x: Tensor): Tensor {
    return lpPoolNd(x, this.spec, this.p);
  }

  override getConfig(): JsonObject {
    const config: LPPoolingConfig = { ...(super.getConfig() as PoolingConfig), p: this.p };
    return config;
  }
}

/** p-norm over windows of [batch, steps, channels]. */
export class LPPooling1D extends BaseLPPooling {
  static override readonly className = 'LPPooling1D';
  constructor(args: LPPooling1DArgs = {}) {
    super(args, 1);
  }
}

/** p-norm over windows of [batch, rows, cols, channels]. */
export class LPPooling2D extends BaseLPPooling {
  static override readonly className = 'LPPooling2D';
  constructor(args: LPPooling2DArgs = {}) {
    super(args, 2);
  }
}

export const lpPooling1d = (args: LPPooling1DArgs = {}): LPPooling1D => new LPPooling1D(args);
export const lpPooling2d = (args: LPPooling2DArgs = {}): LPPooling2D => new LPPooling2D(args);
