// One `fromConfig` for layer families whose classes take their config as constructor arguments
// (every convolution and pooling layer): `Conv2D.fromConfig(c)` builds a Conv2D,
// `MaxPooling1D.fromConfig(c)` a MaxPooling1D, without a copy of the method in each class.
import type { JsonObject } from '../../saving/serialization.js';

export function fromConfigOf<T>(cls: new (config: never) => T, config: JsonObject): T {
  return new cls(config as never);
}
