// Registers the attention layers for deserialization by class name.
import { registerClass } from '../../saving/serialization.js';
import { AdditiveAttention } from './additive-attention.js';
import { Attention } from './attention.js';
import { MultiHeadAttention } from './multi-head-attention.js';

for (const cls of [Attention, AdditiveAttention, MultiHeadAttention]) registerClass(cls);
