// Identity: passes its input (and its mask) through unchanged. A placeholder in a model graph.
import { tf, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type LayerArgs, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type IdentityArgs = LayerArgs;

export class Identity extends Layer {
  static override readonly className = 'Identity';

  constructor(args: IdentityArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs): Tensor {
    // A copy (sharing the data) so a caller that disposes the output leaves the input alive.
    return tf.clone(singleInput(inputs, this.name));
  }

  static fromConfig(config: JsonObject): Identity {
    return new Identity(config as IdentityArgs);
  }
}

export function identity(args: IdentityArgs = {}): Identity {
  return new Identity(args);
}
