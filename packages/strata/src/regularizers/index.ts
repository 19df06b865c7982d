// st.regularizers.*: weight penalties (the catalog registers itself in register.ts).
export type { Regularizer } from './regularizer.js';
export { getRegularizer, REGULARIZER_ALIASES, type RegularizerIdentifier } from './get-regularizer.js';
export { L1, L2, L1L2, asL1L2, l1, l2, l1l2, type L1Config, type L2Config, type L1L2Config } from './l1-l2.js';
export {
  OrthogonalRegularizer,
  orthogonalRegularizer,
  type OrthogonalMode,
  type OrthogonalRegularizerConfig,
} from './orthogonal-regularizer.js';
