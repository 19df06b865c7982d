// The optimizers' public surface.
export { BaseOptimizer } from './base-optimizer.js';
export type { BaseOptimizerConfig, OptimizerArgs, GradientPair, OptimizerWeight } from './base-optimizer.js';
export { SGD } from './sgd.js';
export type { SGDConfig, SGDArgs } from './sgd.js';
export { Adam } from './adam.js';
export type { AdamConfig, AdamArgs } from './adam.js';
export { getOptimizer } from './get-optimizer.js';
export { isLearningRateSchedule } from './schedules/learning-rate-schedule.js';
export type { LearningRate, LearningRateSchedule } from './schedules/learning-rate-schedule.js';
export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from './gradient-clipping.js';
