// The named VarianceScaling settings. As in Keras 3, each is its own class with a seed-only
// config ({class_name: 'GlorotUniform', config: {seed}}), which tfjs-layers also reads for the
// Glorot and He classes. tfjs-layers spells the LeCun classes 'LeCunNormal'/'LeCunUniform' and
// cannot read Keras' 'LecunNormal'/'LecunUniform'; `toVarianceScaling` gives the portable form.
import type { JsonObject } from '../saving/serialization.js';
import type { SeedConfig } from './initializer.js';
import { VarianceScaling, type VarianceScalingArgs } from './variance-scaling.js';

abstract class VarianceScalingPreset extends VarianceScaling {
  override getConfig(): JsonObject {
    const config: SeedConfig = { seed: this.seed };
    return config;
  }
}

export class GlorotUniform extends VarianceScalingPreset {
  static override readonly className: string = 'GlorotUniform';
  constructor(args: SeedConfig = {}) {
    super({ scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): GlorotUniform {
    return new GlorotUniform(config);
  }
}

export class GlorotNormal extends VarianceScalingPreset {
  static override readonly className: string = 'GlorotNormal';
  constructor(args: SeedConfig = {}) {
    super({ scale: 1, mode: 'fan_avg', distribution: 'truncated_normal', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): GlorotNormal {
    return new GlorotNormal(config);
  }
}

export class HeUniform extends VarianceScalingPreset {
  static override readonly className: string = 'HeUniform';
  constructor(args: SeedConfig = {}) {
    super({ scale: 2, mode: 'fan_in', distribution: 'uniform', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): HeUniform {
    return new HeUniform(config);
  }
}

export class HeNormal extends VarianceScalingPreset {
  static override readonly className: string = 'HeNormal';
  constructor(args: SeedConfig = {}) {
    super({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): HeNormal {
    return new HeNormal(config);
  }
}

export class LecunUniform extends VarianceScalingPreset {
  static override readonly className: string = 'LecunUniform';
  constructor(args: SeedConfig = {}) {
    super({ scale: 1, mode: 'fan_in', distribution: 'uniform', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): LecunUniform {
    return new LecunUniform(config);
  }
}

export class LecunNormal extends VarianceScalingPreset {
  static override readonly className: string = 'LecunNormal';
  constructor(args: SeedConfig = {}) {
    super({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: args.seed });
  }
  static override fromConfig(config: SeedConfig): LecunNormal {
    return new LecunNormal(config);
  }
}

/** The equivalent plain VarianceScaling: what every reader (Keras 2/3, tfjs-layers) understands. */
export function toVarianceScaling(init: VarianceScaling): VarianceScaling {
  const args: VarianceScalingArgs = {
    scale: init.scale,
    mode: init.mode,
    distribution: init.distribution,
    seed: init.seed,
  };
  return new VarianceScaling(args);
}
