// @strata/backend-cuda: Strata on NVIDIA GPUs through @tensorflow/tfjs-node-gpu (libtensorflow
// 2.9.1, which needs CUDA 11.2 and cuDNN 8.1). Importing this package registers the backend
// 'cuda'; it never throws, and `strata backends` says why the backend is unavailable.
import { registerBackend } from 'strata';
import { createTfjsNodeBackend } from './tfjs-node-backend.js';

export { createTfjsNodeBackend, CUDA_REQUIREMENT, LIBTENSORFLOW_VERSION } from './tfjs-node-backend.js';
export type { TfjsNodeBackendOptions, TfjsNodePackage } from './tfjs-node-backend.js';

/** Order for `useBackend('auto')`: above webgpu (300), wasm (200) and cpu (100). */
export const CUDA_PRIORITY = 400;

export const cudaBackend = createTfjsNodeBackend({
  name: 'cuda',
  packageName: '@tensorflow/tfjs-node-gpu',
  priority: CUDA_PRIORITY,
  gpu: true,
});

try {
  registerBackend(cudaBackend);
} catch {
  // Importing a backend package never throws; an unregistered backend is simply not listed.
}
