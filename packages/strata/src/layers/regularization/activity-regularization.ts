// ActivityRegularization (Keras 3): the identity, with an L1L2(l1, l2) activity regularizer, so
// l1·Σ|y| + l2·Σy² of its output is added to the loss in training and evaluation steps (by the
// base Layer's activity-regularizer mechanism).
import { tf, type Tensor } from '../../runtime/tf.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import { L1L2 } from '../../regularizers/l1-l2.js';
import type { JsonObject } from '../../saving/serialization.js';

export type ActivityRegularizationArgs = Omit<LayerArgs, 'activityRegularizer'> & { l1?: number; l2?: number };
export type ActivityRegularizationConfig = LayerConfig & { l1: number; l2: number };

export class ActivityRegularization extends Layer {
  static override readonly className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    // L1L2 checks the factors (finite, non-negative) and names the bad one.
    const regularizer = new L1L2({ l1: args.l1 ?? 0, l2: args.l2 ?? 0 });
    super({ ...args, activityRegularizer: regularizer });
    this.l1 = regularizer.l1;
    this.l2 = regularizer.l2;
    this.supportsMasking = true;
  }

  call(inputs: LayerInputs, _options: CallOptions): Tensor {
    return tf.clone(singleInput(inputs, this.name));
  }

  override getConfig(): JsonObject {
    // The regularizer is implied by l1 and l2 (Keras drops it from the config too).
    const { activityRegularizer: _implied, ...base } = super.getConfig() as LayerConfig;
    const config: ActivityRegularizationConfig = { ...base, l1: this.l1, l2: this.l2 };
    return config;
  }

  static fromConfig(config: JsonObject): ActivityRegularization {
    return new ActivityRegularization(config as ActivityRegularizationConfig);
  }
}

export const activityRegularization = (args: ActivityRegularizationArgs = {}): ActivityRegularization =>
  new ActivityRegularization(args);
