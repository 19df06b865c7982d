// A Strata backend over one of the two tfjs packages that wrap libtensorflow 2.9.1 through a
// native addon: @tensorflow/tfjs-node-gpu (CUDA) and @tensorflow/tfjs-node (CPU). Both register
// the tfjs backend `tensorflow`, so only one of them can load in a process.
//
// probe() only looks (package files, the NVIDIA driver, the CUDA libraries libtensorflow will
// dlopen): importing the package has side effects (it switches tfjs to its backend at once)
// and loading libtensorflow takes seconds. activate() loads it, and checks that TensorFlow
// really sees a GPU: without the CUDA libraries it would quietly run on the CPU.
import type { Backend, ProbeResult } from 'strata';
import { tf } from 'strata';
import { exists, filesIn, findSharedLibrary, gpuName, isNode, nodeProcess, nvidiaDriver, packageDir, builtin } from './host.js';

export type TfjsNodePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

export type TfjsNodeBackendOptions = {
  /** The Strata backend name: 'cuda' for tfjs-node-gpu, 'tensorflow' for tfjs-node. */
  name: string;
  packageName: TfjsNodePackage;
  /** Order for `useBackend('auto')`. */
  priority: number;
  /** Whether the package needs CUDA (tfjs-node-gpu). */
  gpu: boolean;
  /** Where to resolve the package from (a file path or URL); default: here, then the working directory. */
  resolveFrom?: string;
};

/** The libtensorflow the 4.22 packages are built against, and what it needs (its release notes). */
export const LIBTENSORFLOW_VERSION = '2.9.1';
export const CUDA_REQUIREMENT = 'CUDA 11.2 and cuDNN 8.1';
const CUDA_LIBRARIES = ['libcudart.so.11.0', 'libcublas.so.11', 'libcudnn.so.8'] as const;

/** Which tfjs-node flavour this process loaded, shared by every copy of this module. */
const LOADED = Symbol.for('strata.backend.tfjsNodePackage');
type Registry = { [LOADED]?: TfjsNodePackage };
const loadedPackage = (): TfjsNodePackage | undefined => (globalThis as Registry)[LOADED];

type NodeBinding = { isUsingGpuDevice?: () => boolean; TF_Version?: string };

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim();
}

export function createTfjsNodeBackend(options: TfjsNodeBackendOptions): Backend {
  const { name, packageName, priority, gpu } = options;
  const install = `npm install ${packageName}@4.22.0`;

  async function locate(): Promise<{ dir: string; from: string } | null> {
    const cwd = (nodeProcess as { cwd?: () => string } | undefined)?.cwd?.();
    const candidates = [options.resolveFrom ?? import.meta.url, ...(options.resolveFrom || !cwd ? [] : [`${cwd}/`])];
    for (const from of candidates) {
      const dir = await packageDir(packageName, from);
      if (dir) return { dir, from };
    }
    return null;
  }

  /** Why the package, as installed, cannot load; null when its files are all there. */
  async function missingFiles(dir: string): Promise<string | null> {
    const libDirs = await filesIn(`${dir}/lib`, /^napi-v\d+$/);
    const addons = [];
    for (const d of libDirs) if (await exists(`${dir}/lib/${d}/tfjs_binding.node`)) addons.push(d);
    if (addons.length === 0) {
      return (
        `${packageName} is installed but its native addon is missing (no lib/napi-v*/tfjs_binding.node): ` +
        `its install script downloads the addon and libtensorflow ${LIBTENSORFLOW_VERSION}, and that download failed ` +
        `or was skipped; run \`npm rebuild ${packageName}\` where the download works (see docs/backends.md)`
      );
    }
    const platform = nodeProcess?.platform;
    if (platform === 'linux' || platform === 'darwin') {
      const libs = await filesIn(`${dir}/deps/lib`, /^libtensorflow\./);
      const inAddonDir = await filesIn(`${dir}/lib/${addons[0]}`, /^libtensorflow\./);
      if (libs.length === 0 && inAddonDir.length === 0) {
        return (
          `${packageName} is installed but libtensorflow ${LIBTENSORFLOW_VERSION} is missing (deps/lib/libtensorflow.so.2 ` +
          `not found): its install script could not download it; run \`npm rebuild ${packageName}\` where the download works`
        );
      }
    }
    return null;
  }

  async function cudaReport(): Promise<ProbeResult> {
    const driver = await nvidiaDriver();
    if (driver === null) {
      return { available: false, reason: 'no CUDA device: no NVIDIA driver is loaded (/proc/driver/nvidia/version is missing)' };
    }
    const found: string[] = [];
    for (const lib of CUDA_LIBRARIES) {
      const file = await findSharedLibrary(lib);
      if (file === null) {
        return {
          available: false,
          reason:
            `NVIDIA driver ${driver} found, but not ${lib} on the library path: libtensorflow ${LIBTENSORFLOW_VERSION} ` +
            `needs ${CUDA_REQUIREMENT} (set LD_LIBRARY_PATH to their lib directories)`,
        };
      }
      found.push(lib);
    }
    const gpuLabel = (await gpuName()) ?? 'NVIDIA GPU';
    return {
      available: true,
      device: `${gpuLabel} (driver ${driver}; ${found.join(', ')}; libtensorflow ${LIBTENSORFLOW_VERSION} via ${packageName})`,
    };
  }

  return {
    name,
    priority,

    async probe(): Promise<ProbeResult> {
      try {
        if (!isNode) {
          return { available: false, reason: `${packageName} is a Node.js native addon; this runtime is not Node.js` };
        }
        const loaded = loadedPackage();
        if (loaded !== undefined && loaded !== packageName) {
          return {
            available: false,
            reason: `${loaded} is already loaded in this process; it and ${packageName} both provide the tfjs backend 'tensorflow', and only one can load`,
          };
        }
        const found = await locate();
        if (found === null) {
          const needs = gpu ? `; it needs ${CUDA_REQUIREMENT} and an NVIDIA GPU` : '';
          return { available: false, reason: `${packageName} is not installed (${install}${needs})` };
        }
        const missing = await missingFiles(found.dir);
        if (missing !== null) return { available: false, reason: missing };
        if (gpu) return await cudaReport();
        return { available: true, device: `CPU, libtensorflow ${LIBTENSORFLOW_VERSION} via ${packageName}` };
      } catch (err) {
        return { available: false, reason: `probing ${packageName} failed: ${describe(err)}` };
      }
    },

    async activate(): Promise<void> {
      const found = await locate();
      const mod = await builtin<typeof import('node:module')>('node:module');
      if (found === null || mod === null) throw new Error(`${packageName} is not installed (${install})`);
      const previous = tf.getBackend();
      try {
        // tfjs-node is CommonJS; requiring it registers the 'tensorflow' backend and switches to it.
        mod.createRequire(found.from)(packageName);
      } catch (err) {
        throw new Error(`loading ${packageName} failed: ${describe(err)}`);
      }
      (globalThis as Registry)[LOADED] = packageName;
      if (!(await tf.setBackend('tensorflow'))) {
        throw new Error(`${packageName} loaded, but tf.setBackend('tensorflow') failed`);
      }
      const binding = (tf.backend() as unknown as { binding?: NodeBinding }).binding;
      if (gpu && binding?.isUsingGpuDevice && !binding.isUsingGpuDevice()) {
        if (previous) await tf.setBackend(previous);
        throw new Error(
          `libtensorflow ${binding.TF_Version ?? ''} loaded but sees no usable CUDA device, so it would run on the CPU ` +
            `(it needs ${CUDA_REQUIREMENT}; TensorFlow's log above says which library it could not open)`,
        );
      }
    },
  };
}
