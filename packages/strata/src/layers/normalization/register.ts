// Registers the normalization layers for deserialization by class name.
import { registerClass } from '../../saving/serialization.js';
import { BatchNormalization } from './batch-normalization.js';
import { GroupNormalization } from './group-normalization.js';
import { LayerNormalization } from './layer-normalization.js';
import { UnitNormalization } from './unit-normalization.js';

for (const cls of [BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization]) registerClass(cls);
