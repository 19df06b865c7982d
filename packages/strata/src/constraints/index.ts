// st.constraints.*: projections applied to weights after each optimizer step.
export type { Constraint } from './constraint.js';
export { getConstraint, CONSTRAINT_ALIASES, type ConstraintIdentifier } from './get-constraint.js';
