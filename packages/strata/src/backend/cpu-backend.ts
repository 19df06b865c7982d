// The built-in `cpu` backend: tfjs-backend-cpu, pure JavaScript, always available. It is the
// reference every other backend is compared with, and the one the kernel bridge runs on.
import { tf } from '../runtime/tf.js';
import { CPU_PRIORITY, describeError, type Backend, type ProbeResult } from './backend.js';

/**
 * The tfjs cpu backend instance, initialised if needed (without making it active), with its
 * one-time "Hi, looks like you are running TensorFlow.js in Node.js" banner switched off.
 */
export function cpuKernelBackend(): tf.KernelBackend {
  const backend = tf.engine().findBackend('cpu');
  if (backend == null) {
    throw new Error(
      "Expected the tfjs 'cpu' backend to be registered (by @tensorflow/tfjs-backend-cpu), " +
        `found only [${tf.engine().backendNames().join(', ')}].`,
    );
  }
  // `firstUse` is private in the typings; the banner is printed on the first write while it is true.
  const flagged = backend as unknown as { firstUse?: boolean };
  if (flagged.firstUse === true) flagged.firstUse = false;
  return backend;
}

// Strata runs on cpu until useBackend (or the engine's ensureBackend) picks another. Make that
// explicit at import: tfjs would otherwise create a fresh cpu instance on the first op, one
// whose banner is still on. For a synchronous backend like cpu, setBackend finishes before it
// returns its promise.
try {
  cpuKernelBackend();
  if (!tf.getBackend()) void tf.setBackend('cpu').catch(() => false);
} catch {
  // Reported by probe() instead.
}

function cpuDevice(): string {
  const proc = (globalThis as { process?: { versions?: { node?: string }; arch?: string } }).process;
  const where = proc?.versions?.node ? `Node ${proc.versions.node} ${proc.arch ?? ''}`.trim() : 'browser';
  return `JavaScript, 1 thread (${where})`;
}

export const cpuBackend: Backend = {
  name: 'cpu',
  priority: CPU_PRIORITY,

  async probe(): Promise<ProbeResult> {
    try {
      cpuKernelBackend();
      return { available: true, device: cpuDevice() };
    } catch (err) {
      return { available: false, reason: describeError(err) };
    }
  },

  async activate(): Promise<void> {
    cpuKernelBackend();
    if (!(await tf.setBackend('cpu'))) {
      throw new Error("tf.setBackend('cpu') failed: the tfjs cpu backend could not be initialised.");
    }
  },
};
