// The tfjs-node adapter alone, without registering 'cuda' (for @strata/backend-node).
export { createTfjsNodeBackend, CUDA_REQUIREMENT, LIBTENSORFLOW_VERSION } from './tfjs-node-backend.js';
export type { TfjsNodeBackendOptions, TfjsNodePackage } from './tfjs-node-backend.js';
