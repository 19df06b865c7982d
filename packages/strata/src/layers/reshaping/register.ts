// Registers the reshaping layers (and the core extras exported with them) for deserialization.
import { registerClass } from '../../saving/serialization.js';
import { Cropping1D, Cropping2D, Cropping3D } from './cropping.js';
import { Permute } from './permute.js';
import { RepeatVector } from './repeat-vector.js';
import { UpSampling1D, UpSampling2D, UpSampling3D } from './up-sampling.js';
import { ZeroPadding1D, ZeroPadding2D, ZeroPadding3D } from './zero-padding.js';
import { Embedding } from '../core/embedding.js';
import { Masking } from '../core/masking.js';
import { Identity } from '../core/identity.js';
import { Lambda } from '../core/function-layer.js';

for (const cls of [
  Permute,
  RepeatVector,
  Cropping1D,
  Cropping2D,
  Cropping3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  Embedding,
  Masking,
  Identity,
  Lambda,
]) {
  registerClass(cls);
}
