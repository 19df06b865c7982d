// st.constraints.*: projections applied to weights after each optimizer step.
export type { Constraint } from './constraint.js';
export { getConstraint, CONSTRAINT_ALIASES, type ConstraintIdentifier } from './get-constraint.js';
export {
  MaxNorm,
  MinMaxNorm,
  UnitNorm,
  maxNorm,
  minMaxNorm,
  unitNorm,
  type ConstraintAxis,
  type MaxNormConfig,
  type MinMaxNormConfig,
  type UnitNormConfig,
} from './norm-constraints.js';
export { NonNeg, nonNeg } from './non-neg.js';
