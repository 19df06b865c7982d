// Registers the regularization layers for deserialization by class name.
import { registerClass } from '../../saving/serialization.js';
import { ActivityRegularization } from './activity-regularization.js';
import { AlphaDropout } from './alpha-dropout.js';
import { GaussianDropout } from './gaussian-dropout.js';
import { GaussianNoise } from './gaussian-noise.js';
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './spatial-dropout.js';

for (const cls of [SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization]) {
  registerClass(cls);
}
