// Attention (Luong, dot-product), as Keras 3: scores = query·keyᵀ (scoreMode 'dot', times a
// trainable scalar `scale` when useScale), or concat_score_weight · Σ tanh(scale·(q + k))
// (scoreMode 'concat'). Everything after the scores is in BaseDenseAttention.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import type { Weight } from '../../engine/weight.js';
import type { JsonObject } from '../../saving/serialization.js';
import { BaseDenseAttention, type DenseAttentionArgs, type DenseAttentionConfig } from './base-dense-attention.js';

export type ScoreMode = 'dot' | 'concat';
export type AttentionArgs = DenseAttentionArgs & { useScale?: boolean; scoreMode?: ScoreMode };
export type AttentionConfig = DenseAttentionConfig & { useScale: boolean; scoreMode: ScoreMode };

export class Attention extends BaseDenseAttention {
  static override readonly className = 'Attention';
  readonly useScale: boolean;
  readonly scoreMode: ScoreMode;
  scale: Weight | null = null;
  concatScoreWeight: Weight | null = null;

  constructor(args: AttentionArgs = {}) {
    super(args);
    const mode = args.scoreMode ?? 'dot';
    if (mode !== 'dot' && mode !== 'concat') {
      throw new ValueError(`Attention '${this.name}': scoreMode must be 'dot' or 'concat', found ${JSON.stringify(mode)}.`);
    }
    this.scoreMode = mode;
    this.useScale = args.useScale ?? false;
  }

  protected buildWeights(_queryShape: Shape): void {
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [], initializer: 'ones' });
    if (this.scoreMode === 'concat') {
      this.concatScoreWeight = this.addWeight({ name: 'concat_score_weight', shape: [], initializer: 'ones' });
    }
  }

  protected scores(query: Tensor, key: Tensor): Tensor {
    const scale = this.scale?.read();
    if (this.scoreMode === 'dot') {
      const scores = tf.matMul(query, key, false, true);
      return scale ? tf.mul(scores, scale) : scores;
    }
    // [B, Tq, 1, d] + [B, 1, Tv, d] -> [B, Tq, Tv, d], summed over d.
    let sum = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
    if (scale) sum = tf.mul(scale, sum);
    return tf.mul(this.concatScoreWeight!.read(), tf.sum(tf.tanh(sum), -1));
  }

  override getConfig(): JsonObject {
    const config: AttentionConfig = { ...this.baseAttentionConfig(), useScale: this.useScale, scoreMode: this.scoreMode };
    return config;
  }

  static fromConfig(config: JsonObject): Attention {
    return new Attention(config as AttentionConfig);
  }
}

export function attention(args: AttentionArgs = {}): Attention {
  return new Attention(args);
}
