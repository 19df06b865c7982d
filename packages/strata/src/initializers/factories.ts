// tfjs-layers-style factories (`initializers.glorotUniform({seed: 1})`), so tfjs code ports by
// changing an import. Each returns a new instance of the matching class.
import { Constant, Identity, Ones, Zeros, type ConstantConfig, type IdentityConfig } from './constant-initializers.js';
import type { SeedConfig } from './initializer.js';
import { Orthogonal, type OrthogonalConfig } from './orthogonal.js';
import {
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  type RandomNormalConfig,
  type RandomUniformConfig,
} from './random-initializers.js';
import { VarianceScaling, type VarianceScalingArgs } from './variance-scaling.js';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform } from './variance-scaling-presets.js';

export const zeros = (): Zeros => new Zeros();
export const ones = (): Ones => new Ones();
export const constant = (args: ConstantConfig = {}): Constant => new Constant(args);
export const identity = (args: IdentityConfig = {}): Identity => new Identity(args);
export const randomNormal = (args: RandomNormalConfig = {}): RandomNormal => new RandomNormal(args);
export const truncatedNormal = (args: RandomNormalConfig = {}): TruncatedNormal => new TruncatedNormal(args);
export const randomUniform = (args: RandomUniformConfig = {}): RandomUniform => new RandomUniform(args);
export const varianceScaling = (args: VarianceScalingArgs = {}): VarianceScaling => new VarianceScaling(args);
export const glorotNormal = (args: SeedConfig = {}): GlorotNormal => new GlorotNormal(args);
export const glorotUniform = (args: SeedConfig = {}): GlorotUniform => new GlorotUniform(args);
export const heNormal = (args: SeedConfig = {}): HeNormal => new HeNormal(args);
export const heUniform = (args: SeedConfig = {}): HeUniform => new HeUniform(args);
export const leCunNormal = (args: SeedConfig = {}): LecunNormal => new LecunNormal(args);
export const leCunUniform = (args: SeedConfig = {}): LecunUniform => new LecunUniform(args);
export const orthogonal = (args: OrthogonalConfig = {}): Orthogonal => new Orthogonal(args);
