// Learning-rate schedules (Keras 3 semantics), usable as any optimizer's `learningRate`.
import { CosineDecay, type CosineDecayConfig } from './cosine-decay.js';
import { CosineDecayRestarts, type CosineDecayRestartsConfig } from './cosine-decay-restarts.js';
import { ExponentialDecay, type ExponentialDecayConfig } from './exponential-decay.js';
import { InverseTimeDecay, type InverseTimeDecayConfig } from './inverse-time-decay.js';
import { LinearWarmup, type LinearWarmupArgs } from './linear-warmup.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayConfig } from './piecewise-constant-decay.js';
import { PolynomialDecay, type PolynomialDecayConfig } from './polynomial-decay.js';

export {
  BaseLearningRateSchedule,
  isLearningRateSchedule,
  type LearningRate,
  type LearningRateSchedule,
} from './learning-rate-schedule.js';
export { CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, LinearWarmup, PiecewiseConstantDecay, PolynomialDecay };
export type {
  CosineDecayConfig,
  CosineDecayRestartsConfig,
  ExponentialDecayConfig,
  InverseTimeDecayConfig,
  LinearWarmupArgs,
  PiecewiseConstantDecayConfig,
  PolynomialDecayConfig,
};

// camelCase factories, as the rest of the API (`st.optimizers.schedules.cosineDecay({...})`).
export const exponentialDecay = (config: ExponentialDecayConfig) => new ExponentialDecay(config);
export const inverseTimeDecay = (config: InverseTimeDecayConfig) => new InverseTimeDecay(config);
export const piecewiseConstantDecay = (config: PiecewiseConstantDecayConfig) => new PiecewiseConstantDecay(config);
export const polynomialDecay = (config: PolynomialDecayConfig) => new PolynomialDecay(config);
export const cosineDecay = (config: CosineDecayConfig) => new CosineDecay(config);
export const cosineDecayRestarts = (config: CosineDecayRestartsConfig) => new CosineDecayRestarts(config);
export const linearWarmup = (args: LinearWarmupArgs) => new LinearWarmup(args);
