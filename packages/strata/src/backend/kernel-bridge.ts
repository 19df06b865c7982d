// Runs cpu kernels for a backend that lacks them, so that every op (and so every gradient) works
// on that backend: no user of Strata's default choice should ever see "kernel not registered".
//
// A bridged kernel copies its inputs out of the target backend, runs the cpu kernel on copies
// held by the cpu backend instance, copies the outputs back into the target and frees the cpu
// copies. The target stays the active tfjs backend throughout; only the data makes the trip.
// Slow for big tensors, so hot bridged kernels should later get native implementations.
import { tf } from '../runtime/tf.js';
import { describeError } from './backend.js';
import { cpuKernelBackend } from './cpu-backend.js';

type TensorInfo = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Kernels that are left out, with why: the bridge cannot carry their data. */
const UNBRIDGEABLE: Readonly<Record<string, string>> = {
  Complex: 'produces complex64 tensors',
  ComplexAbs: 'reads complex64 tensors',
  FFT: 'reads and produces complex64 tensors',
  IFFT: 'reads and produces complex64 tensors',
  Imag: 'reads complex64 tensors',
  Real: 'reads complex64 tensors',
};

/**
 * Native wasm kernels that reject some cases (a dtype, NCHW data format, a dilation, a fused
 * activation) by throwing before they allocate anything (tfjs-backend-wasm 4.22). Guard them:
 * the native kernel runs first and the cpu bridge takes over only when it refuses.
 */
export const PARTIAL_WASM_KERNELS: readonly string[] = [
  'AvgPool', 'BatchMatMul', '_FusedMatMul', 'Conv2D', 'DepthwiseConv2dNative', 'FusedConv2D',
  'FusedDepthwiseConv2D', 'MaxPool', 'Conv3D', 'Cumsum', 'Cumprod',
  'Multinomial', 'LRN', 'LRNGrad',
];

/**
 * Native wasm kernels that give wrong answers (tfjs-backend-wasm 4.22, checked here against the
 * cpu kernel and a hand-computed sum): replaced by the cpu bridge outright.
 * - Conv3DBackpropInputV2 (the input gradient of conv3d) is wrong whenever outChannels > 1;
 * - Conv3DBackpropFilterV2 (its filter gradient) is wrong whenever a stride is above 1;
 * - MaxPoolGrad routes some gradients to the wrong positions, even for 2x2 windows;
 * - MaxPool3D computes wrong values with 'same' padding (and MaxPool3DGrad is replaced with it,
 *   so forward and backward agree on which entry is each window's maximum).
 */
export const WRONG_WASM_KERNELS: readonly string[] = [
  'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2', 'MaxPoolGrad', 'MaxPool3D', 'MaxPool3DGrad',
];

export type BridgeOptions = {
  /** Native kernels to guard (see PARTIAL_WASM_KERNELS). */
  guard?: readonly string[];
  /** Native kernels to replace by the bridge (see WRONG_WASM_KERNELS). */
  replace?: readonly string[];
  /**
   * Missing (or replaced) kernels to compose from the target's own kernels instead of bridging;
   * each factory gets the bridged kernel as the fallback for cases it does not handle.
   */
  compose?: Readonly<Partial<Record<string, (fallback: tf.KernelFunc) => tf.KernelFunc>>>;
};

export type BridgeReport = {
  /** Kernels served by the cpu kernel: the target's gaps plus the replaced kernels. */
  bridged: string[];
  /** Native target kernels replaced because they compute wrong results. */
  replaced: string[];
  /** Missing kernels composed from the target's own kernels (bridged only in rare cases). */
  composed: string[];
  /** Native target kernels that fall back to the cpu kernel for the cases they reject. */
  guarded: string[];
  /** Kernels that could not be bridged, with the reason. */
  skipped: Array<{ kernel: string; reason: string }>;
};

const reports = new Map<string, BridgeReport>();

function checkDtype(info: TensorInfo, kernelName: string, role: string): void {
  if (info.dtype === 'complex64') {
    throw new Error(
      `Kernel '${kernelName}' cannot be bridged to the cpu backend: its ${role} is complex64, ` +
        'which this backend cannot store. Expected float32, int32, bool or string tensors.',
    );
  }
}

/** A kernel function that runs `cpuFunc` on copies of the inputs held by the cpu backend. */
function bridgeKernel(kernelName: string, cpuFunc: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, attrs, backend }: KernelArgs) => {
    const target = backend as tf.KernelBackend;
    const cpu = cpuKernelBackend();
    const cpuIds = new Set<tf.DataId>();
    // The same tensor may be passed twice (einsum(a, a)): copy it once.
    const copies = new Map<tf.DataId, TensorInfo>();
    const toCpu = (info: TensorInfo | undefined): TensorInfo | undefined => {
      if (info == null) return info;
      const known = copies.get(info.dataId);
      if (known) return known;
      checkDtype(info, kernelName, 'input');
      const dataId = cpu.write(target.readSync(info.dataId), info.shape, info.dtype);
      cpuIds.add(dataId);
      const copy: TensorInfo = { dataId, shape: info.shape, dtype: info.dtype };
      copies.set(info.dataId, copy);
      return copy;
    };
    try {
      // Most kernels take a name → tensor map; a few (Einsum) take an array.
      const cpuInputs = (
        Array.isArray(inputs)
          ? (inputs as Array<TensorInfo | undefined>).map(toCpu)
          : Object.fromEntries(Object.entries(inputs).map(([name, info]) => [name, toCpu(info)]))
      ) as tf.NamedTensorInfoMap;
      const result = cpuFunc({ inputs: cpuInputs, attrs, backend: cpu });
      const outs = Array.isArray(result) ? result : [result];
      // Read every output before writing any, so an output that aliases an input is still there.
      const values = outs.map((out) => {
        cpuIds.add(out.dataId);
        checkDtype(out, kernelName, 'output');
        return cpu.readSync(out.dataId);
      });
      const targetOuts = outs.map(
        (out, i): TensorInfo => ({
          dataId: target.write(values[i]!, out.shape, out.dtype),
          shape: out.shape,
          dtype: out.dtype,
        }),
      );
      return Array.isArray(result) ? targetOuts : targetOuts[0]!;
    } finally {
      for (const id of cpuIds) cpu.disposeData(id, true);
    }
  };
}

/** Tries the native kernel; if it refuses before allocating anything, runs the cpu kernel. */
function guardKernel(kernelName: string, native: tf.KernelFunc, cpuFunc: tf.KernelFunc): tf.KernelFunc {
  const bridged = bridgeKernel(kernelName, cpuFunc);
  return (args: KernelArgs) => {
    const target = args.backend as tf.KernelBackend;
    const before = target.numDataIds();
    try {
      return native(args);
    } catch (err) {
      // A kernel that failed half-way may have left data behind: do not hide that.
      if (target.numDataIds() !== before) throw err;
      return bridged(args);
    }
  };
}

/**
 * Fills every kernel gap of `backendName` with a bridge to the cpu kernel of the same name,
 * guards and replaces the native kernels named in `options`. Idempotent; returns what it did.
 * The kernels of `backendName` must already be registered (import its package first).
 */
export function installKernelBridge(backendName: string, options: BridgeOptions = {}): BridgeReport {
  const existing = reports.get(backendName);
  if (existing) return existing;
  const { guard = [], replace = [], compose = {} } = options;
  const report: BridgeReport = { bridged: [], replaced: [], composed: [], guarded: [], skipped: [] };
  const targetKernels = new Map(tf.getKernelsForBackend(backendName).map((k) => [k.kernelName, k]));
  for (const cpuKernel of tf.getKernelsForBackend('cpu')) {
    const name = cpuKernel.kernelName;
    const native = targetKernels.get(name);
    if (native == null) {
      const why = UNBRIDGEABLE[name];
      if (why !== undefined) {
        report.skipped.push({ kernel: name, reason: why });
        continue;
      }
      try {
        const bridged = bridgeKernel(name, cpuKernel.kernelFunc);
        const composer = compose[name];
        tf.registerKernel({ kernelName: name, backendName, kernelFunc: composer ? composer(bridged) : bridged });
        (composer ? report.composed : report.bridged).push(name);
      } catch (err) {
        report.skipped.push({ kernel: name, reason: describeError(err) });
      }
    } else if (replace.includes(name)) {
      // A wrong native kernel: composed from the target's own kernels where a composition is
      // given (the bridge serving the cases it does not handle), else bridged outright.
      const bridged = bridgeKernel(name, cpuKernel.kernelFunc);
      const composer = compose[name];
      tf.unregisterKernel(name, backendName);
      tf.registerKernel({ kernelName: name, backendName, kernelFunc: composer ? composer(bridged) : bridged });
      (composer ? report.composed : report.bridged).push(name);
      report.replaced.push(name);
    } else if (guard.includes(name)) {
      tf.unregisterKernel(name, backendName);
      tf.registerKernel({ ...native, kernelFunc: guardKernel(name, native.kernelFunc, cpuKernel.kernelFunc) });
      report.guarded.push(name);
    }
  }
  report.bridged.sort();
  report.replaced.sort();
  report.composed.sort();
  report.guarded.sort();
  reports.set(backendName, report);
  return report;
}

/** The kernels of `backendName` (default 'wasm') that always run through the cpu bridge. */
export function bridgedKernels(backendName = 'wasm'): string[] {
  return [...(reports.get(backendName)?.bridged ?? [])];
}

/** Everything the bridge did for `backendName`: bridged, guarded and skipped kernels. */
export function kernelBridgeReport(backendName = 'wasm'): BridgeReport {
  const r = reports.get(backendName);
  return r
    ? {
        bridged: [...r.bridged],
        replaced: [...r.replaced],
        composed: [...r.composed],
        guarded: [...r.guarded],
        skipped: r.skipped.map((s) => ({ ...s })),
      }
    : { bridged: [], replaced: [], composed: [], guarded: [], skipped: [] };
}
