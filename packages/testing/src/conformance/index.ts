// The backend conformance suite: op, optimizer and fit cases, compared with cpu (DESIGN §10).
export { conformanceSuite, type ConformanceOptions } from './run-conformance.js';
export { OP_CASES, DEFAULT_OP_TOLERANCE, type OpCase, type InputSpec } from './op-cases.js';
export { OPTIMIZER_CASES, DEFAULT_OPTIMIZER_TOLERANCE, type OptimizerCase } from './optimizer-cases.js';
export { FIT_CASES, DEFAULT_FIT_TOLERANCE, FIT_SAMPLES, missingLayers, runFitCase, type FitCase, type FitResult } from './fit-cases.js';
export { evaluateOpCase, evaluateOptimizerCase, type OpResult } from './evaluate.js';
export { checkOpGradients, type FiniteDifferenceMismatch } from './finite-differences.js';
