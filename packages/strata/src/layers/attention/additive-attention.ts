// AdditiveAttention (Bahdanau), as Keras 3: scores = Σ_d scale_d · tanh(q_d + k_d), with a
// trainable per-feature `scale` [d] (glorot uniform) when useScale (the default).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import type { Weight } from '../../engine/weight.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseDenseAttention, type DenseAttentionArgs, type DenseAttentionConfig } from './base-dense-attention.js';

export type AdditiveAttentionArgs = DenseAttentionArgs & { useScale?: boolean };
export type AdditiveAttentionConfig = DenseAttentionConfig & { useScale: boolean };

export class AdditiveAttention extends BaseDenseAttention {
  static override readonly className = 'AdditiveAttention';
  readonly useScale: boolean;
  scale: Weight | null = null;

  constructor(args: AdditiveAttentionArgs = {}) {
    super(args);
    this.useScale = args.useScale ?? true;
  }

  protected buildWeights(queryShape: Shape): void {
    if (this.useScale) {
      this.scale = this.addWeight({ name: 'scale', shape: [queryShape[queryShape.length - 1] as number], initializer: 'glorotUniform' });
    }
  }

  protected scores(query: Tensor, key: Tensor): Tensor {
    // [B, Tq, 1, d] + [B, 1, Tv, d] -> [B, Tq, Tv, d], summed over d.
    const activated = tf.tanh(tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1)));
    const scale = this.scale?.read();
    return tf.sum(scale ? tf.mul(activated, scale) : activated, -1);
  }

  override getConfig(): JsonObject {
    const config: AdditiveAttentionConfig = { ...this.baseAttentionConfig(), useScale: this.useScale };
    return config;
  }

  static fromConfig(config: JsonObject): AdditiveAttention {
    return new AdditiveAttention(config as AdditiveAttentionConfig);
  }
}

export function additiveAttention(args: AdditiveAttentionArgs = {}): AdditiveAttention {
  return new AdditiveAttention(args);
}
