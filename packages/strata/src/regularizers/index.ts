// st.regularizers.*: weight penalties (the catalog registers itself in register.ts).
export type { Regularizer } from './regularizer.js';
export { getRegularizer, REGULARIZER_ALIASES, type RegularizerIdentifier } from './get-regularizer.js';
