// st.layers.* of the attention family (classes and tfjs-layers-style factories).
export { Attention, attention, type AttentionArgs, type AttentionConfig, type ScoreMode } from './attention.js';
export { AdditiveAttention, additiveAttention, type AdditiveAttentionArgs, type AdditiveAttentionConfig } from './additive-attention.js';
export { BaseDenseAttention, type AttendArgs, type AttentionResult, type DenseAttentionArgs } from './base-dense-attention.js';
export {
  MultiHeadAttention,
  multiHeadAttention,
  type MultiHeadAttentionArgs,
  type MultiHeadAttentionConfig,
  type MultiHeadAttendArgs,
} from './multi-head-attention.js';
