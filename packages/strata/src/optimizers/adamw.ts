// AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, which the base applies before
// each update as w -= w * weightDecay * lr. Keras 3's default decay is 0.004.
import type { JsonObject } from '../saving/serialization.js';
import { ValueError } from '../errors.js';
import { ADAM_CONFIG_KEYS, Adam, type AdamArgs, type AdamConfig } from './adam.js';
import { configToArgs } from './validation.js';

export type AdamWConfig = AdamConfig;
export type AdamWArgs = AdamArgs;

export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';

  constructor(args: AdamWArgs = {}) {
    if (args.weightDecay === null) {
      throw new ValueError('AdamW: `weightDecay` must be a number >= 0, found null; use Adam for no weight decay.');
    }
    super({ ...args, weightDecay: args.weightDecay ?? 0.004, name: args.name ?? 'adamw' });
  }

  static override fromConfig(config: JsonObject): AdamW {
    return new AdamW(configToArgs('AdamW', config, ADAM_CONFIG_KEYS) as AdamWArgs);
  }
}
