// The built-in `wasm` backend: tfjs-backend-wasm (XNNPACK; SIMD on, threads off under Node).
// Loaded lazily: importing the package registers it at a higher priority than cpu, which would
// change tfjs's implicit default, so nothing imports it until a probe or activation asks.
//
// Finding the .wasm binaries: the package's Node build (its `main`, which Node picks for both
// `require` and `import` since the package has no `exports` map) looks next to its own file,
// `dist/`, where the binaries ship. That breaks only when the package is bundled into another
// file, so under Node we resolve the installed package and point it at its `dist/` explicitly.
// Browsers must serve the binaries and pass their location as `wasmPaths`.
import { isNode, nodeBuiltin } from '../runtime/node-builtin.js';
import type * as WasmPackage from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../runtime/tf.js';
import { WASM_PRIORITY, describeError, type Backend, type ProbeResult } from './backend.js';
import { composedConv2dBackpropFilter } from './conv2d-filter-grad.js';
import { composedDepthwiseBackpropFilter, composedDepthwiseBackpropInput } from './depthwise-grads.js';
import { composedEinsum } from './einsum.js';
import { composedUnsortedSegmentSum } from './segment-sum.js';
import { installTransposeFreeMatMul } from './transpose-free-matmul.js';
import { composedMaxPoolGrad } from './max-pool-grad.js';
import { PARTIAL_WASM_KERNELS, WRONG_WASM_KERNELS, installKernelBridge } from './kernel-bridge.js';

type Wasm = typeof WasmPackage;

/** Kernels tfjs-backend-wasm lacks that training needs, built from its own kernels. */
const WASM_COMPOSED_KERNELS: Readonly<Record<string, (fallback: tf.KernelFunc) => tf.KernelFunc>> = {
  Conv2DBackpropFilter: (fallback) => composedConv2dBackpropFilter('wasm', fallback),
  DepthwiseConv2dNativeBackpropFilter: (fallback) => composedDepthwiseBackpropFilter('wasm', fallback),
  DepthwiseConv2dNativeBackpropInput: (fallback) => composedDepthwiseBackpropInput('wasm', fallback),
  Einsum: (fallback) => composedEinsum('wasm', fallback),
  UnsortedSegmentSum: (fallback) => composedUnsortedSegmentSum('wasm', fallback),
  // Replaces the wrong native kernel (see WRONG_WASM_KERNELS) for windows that tile the input.
  MaxPoolGrad: (fallback) => composedMaxPoolGrad('wasm', fallback),
};
const PACKAGE = '@tensorflow/tfjs-backend-wasm';
/** The binary used under Node (SIMD, no threads). */
const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm';

export type WasmBackendOptions = {
  /** Directory (ending in '/') or URL prefix holding the tfjs-backend-wasm .wasm files. */
  wasmPaths?: string;
  /** Order for `useBackend('auto')`; default 200 (above cpu, below GPU backends). */
  priority?: number;
};



/** Under Node: the installed package's `dist/` directory, if it holds the SIMD binary. */
async function installedWasmDir(): Promise<string | null> {
  if (!isNode) return null;
  try {
    const { createRequire } = await nodeBuiltin<typeof import('node:module')>('node:module');
    const path = await nodeBuiltin<typeof import('node:path')>('node:path');
    const fs = await nodeBuiltin<typeof import('node:fs')>('node:fs');
    const dir = path.dirname(createRequire(import.meta.url).resolve(PACKAGE));
    return fs.existsSync(path.join(dir, SIMD_BINARY)) ? dir + path.sep : null;
  } catch {
    return null;
  }
}

type ProcessEvents = {
  listeners(event: string): Array<(...args: unknown[]) => void>;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
};
const HOOKED_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `init` and then removes the process listeners that the emscripten module adds when it
 * initialises under Node. They only rethrow, which turns any unhandled rejection in the user's
 * program into a crash even where the program handles those events itself (tfjs means to remove
 * them again but its filter never matches). Only short rethrowing listeners added meanwhile go.
 */
async function withoutEmscriptenHooks<T>(init: () => Promise<T>): Promise<T> {
  const proc = (globalThis as { process?: Partial<ProcessEvents> }).process;
  if (typeof proc?.listeners !== 'function' || typeof proc.removeListener !== 'function') return init();
  const events = proc as ProcessEvents;
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(events.listeners(e))]));
  try {
    return await init();
  } finally {
    for (const event of HOOKED_EVENTS) {
      for (const listener of events.listeners(event)) {
        const source = String(listener);
        if (!before.get(event)!.has(listener) && source.length < 200 && /\bthrow\b/.test(source)) {
          events.removeListener(event, listener);
        }
      }
    }
  }
}

let loading: Promise<Wasm> | null = null;

/** Imports tfjs-backend-wasm once, without letting it become tfjs's implicit default backend. */
function loadWasmPackage(): Promise<Wasm> {
  loading ??= (async () => {
    // With no backend active yet, the next op would pick the highest-priority backend, wasm,
    // and fail because it initialises asynchronously. Strata's default before useBackend is cpu.
    if (!tf.getBackend()) await tf.setBackend('cpu');
    return await import('@tensorflow/tfjs-backend-wasm');
  })();
  return loading;
}

async function simdSupported(): Promise<boolean> {
  try {
    return Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  } catch {
    return false;
  }
}

/** Creates a wasm backend; the built-in `wasmBackend` is `createWasmBackend()`. */
export function createWasmBackend(options: WasmBackendOptions = {}): Backend {
  let failure: string | null = null; // why activation failed, reported by later probes
  let pathsSet = false;

  async function configurePaths(pkg: Wasm): Promise<void> {
    if (pathsSet) return;
    const prefix = options.wasmPaths ?? (await installedWasmDir());
    // Paths only matter before the module is initialised (setWasmPaths may throw after).
    if (prefix !== null && !('wasm' in tf.engine().registry)) pkg.setWasmPaths(prefix);
    pathsSet = true;
  }

  async function device(pkg: Wasm): Promise<string> {
    const simd = (await simdSupported()) ? 'SIMD' : 'no SIMD';
    let threads = 'threads off';
    try {
      const n = pkg.getThreadsCount(); // throws until the module is initialised
      threads = `${n} thread${n === 1 ? '' : 's'}`;
    } catch {
      if (isNode) threads = '1 thread';
    }
    return `WebAssembly, ${simd}, ${threads} (tfjs-backend-wasm ${pkg.version_wasm})`;
  }

  return {
    name: 'wasm',
    priority: options.priority ?? WASM_PRIORITY,

    async probe(): Promise<ProbeResult> {
      if (failure !== null) return { available: false, reason: failure };
      if (typeof WebAssembly !== 'object') {
        return { available: false, reason: 'this JavaScript runtime has no WebAssembly support' };
      }
      let pkg: Wasm;
      try {
        pkg = await loadWasmPackage();
      } catch (err) {
        return { available: false, reason: `${PACKAGE} could not be loaded: ${describeError(err)}` };
      }
      if (isNode && options.wasmPaths === undefined && (await installedWasmDir()) === null) {
        return {
          available: false,
          reason:
            `cannot find ${SIMD_BINARY}: ${PACKAGE} is not installed where this code can resolve it ` +
            '(bundled?); pass its location as createWasmBackend({ wasmPaths })',
        };
      }
      return { available: true, device: await device(pkg) };
    },

    async activate(): Promise<void> {
      if (failure !== null) throw new Error(failure);
      const pkg = await loadWasmPackage();
      await configurePaths(pkg);
      installKernelBridge('wasm', {
        guard: PARTIAL_WASM_KERNELS,
        replace: WRONG_WASM_KERNELS,
        compose: WASM_COMPOSED_KERNELS,
      });
      installTransposeFreeMatMul('wasm');
      if (!(await withoutEmscriptenHooks(() => tf.setBackend('wasm')))) {
        const where = options.wasmPaths ?? (await installedWasmDir()) ?? 'next to the package';
        failure =
          `${PACKAGE} could not initialise its WebAssembly module (expected its .wasm files at ` +
          `${where}; the warning logged above says why)`;
        throw new Error(failure);
      }
    },
  };
}

export const wasmBackend: Backend = createWasmBackend();
