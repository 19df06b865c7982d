// One case per optimizer (and per option that changes its math): three update steps on two
// variables with fixed gradients, compared with the same steps on cpu.
import * as st from 'strata';
import type { Tolerance } from '../assertions.js';

const O = st.optimizers;

export type OptimizerCase = { name: string; make: () => st.BaseOptimizer; tolerance?: Tolerance };

/**
 * Three steps of O(0.1) updates on O(1) values: the cpu/backend difference stays at float32
 * rounding of each step (~1e-6). Adaptive optimizers divide by sqrt(v) + epsilon where v can be
 * tiny, which magnifies rounding differences of v: 1e-4 absolute holds for them.
 */
export const DEFAULT_OPTIMIZER_TOLERANCE: Required<Tolerance> = { atol: 1e-4, rtol: 1e-4 };

export const OPTIMIZER_CASES: readonly OptimizerCase[] = [
  { name: 'SGD', make: () => new O.SGD({ learningRate: 0.1 }) },
  { name: 'SGD momentum nesterov, clipnorm', make: () => new O.SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1 }) },
  { name: 'Adam', make: () => new O.Adam({ learningRate: 0.05 }) },
  { name: 'Adam amsgrad, weight decay', make: () => new O.Adam({ learningRate: 0.05, amsgrad: true, weightDecay: 0.01 }) },
  { name: 'AdamW', make: () => new O.AdamW({ learningRate: 0.05 }) },
  { name: 'Adagrad', make: () => new O.Adagrad({ learningRate: 0.1 }) },
  { name: 'Adadelta', make: () => new O.Adadelta({ learningRate: 1 }) },
  { name: 'Adamax', make: () => new O.Adamax({ learningRate: 0.05 }) },
  { name: 'Nadam', make: () => new O.Nadam({ learningRate: 0.05 }) },
  { name: 'RMSprop centered momentum, globalClipnorm', make: () => new O.RMSprop({ learningRate: 0.05, centered: true, momentum: 0.5, globalClipnorm: 1 }) },
  { name: 'Lion', make: () => new O.Lion({ learningRate: 0.01 }) },
];
