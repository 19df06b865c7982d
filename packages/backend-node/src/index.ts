// @strata/backend-node: Strata on the CPU through @tensorflow/tfjs-node (libtensorflow 2.9.1,
// multi-threaded). Importing this package registers the backend 'tensorflow'; it never throws.
// tfjs-node and tfjs-node-gpu both provide the tfjs backend 'tensorflow': only one loads per process.
import { registerBackend } from 'strata';
import { createTfjsNodeBackend } from '@strata/backend-cuda/tfjs-node';

/** Order for `useBackend('auto')`: above wasm (200), below webgpu (300) and cuda (400). */
export const TENSORFLOW_CPU_PRIORITY = 250;

export const tensorflowBackend = createTfjsNodeBackend({
  name: 'tensorflow',
  packageName: '@tensorflow/tfjs-node',
  priority: TENSORFLOW_CPU_PRIORITY,
  gpu: false,
  resolveFrom: import.meta.url,
});

try {
  registerBackend(tensorflowBackend);
} catch {
  // Importing a backend package never throws.
}
