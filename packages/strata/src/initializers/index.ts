// Initializers: Keras 3 semantics and class names; tfjs and Keras spellings accepted.
export { Initializer, type SeedConfig } from './initializer.js';
export { computeFans } from './fans.js';
export { Constant, Identity, Ones, Zeros, type ConstantConfig, type IdentityConfig } from './constant-initializers.js';
export {
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  type RandomNormalConfig,
  type RandomUniformConfig,
} from './random-initializers.js';
export {
  TRUNCATED_NORMAL_STDDEV,
  VarianceScaling,
  type Distribution,
  type DistributionIdentifier,
  type FanMode,
  type FanModeIdentifier,
  type VarianceScalingArgs,
  type VarianceScalingConfig,
} from './variance-scaling.js';
export {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  toVarianceScaling,
} from './variance-scaling-presets.js';
export { Orthogonal, type OrthogonalConfig } from './orthogonal.js';
export {
  BUILTIN_INITIALIZERS,
  getInitializer,
  knownInitializerNames,
  type InitializerIdentifier,
} from './get-initializer.js';
// tfjs-layers-style factories: initializers.glorotUniform({seed}), initializers.zeros(), ...
export * from './factories.js';
