// The `webgpu` Strata backend over @tensorflow/tfjs-backend-webgpu: navigator.gpu in browsers,
// Dawn (the `webgpu` package) in Node. tfjs-backend-webgpu decides at import whether WebGPU
// exists (it looks for navigator.gpu), so in Node the GPU object and the WebGPU constants
// (GPUBufferUsage, ...) are installed on globalThis before it is imported.
//
// In Node, tensors on this backend are read with `await t.data()`: tfjs-webgpu's synchronous
// read (`dataSync`) goes through OffscreenCanvas, which only browsers have.
import type { Backend, ProbeResult } from 'strata';
import { tf } from 'strata';
import {
  chooseVulkanDriver, isNode, isNotInstalled, loadWebgpuModule, noAdapterReason,
  type DriverChoice, type Gpu, type GpuAdapter,
} from './node-gpu.js';

export type WebGpuBackendOptions = {
  /** Order for `useBackend('auto')`; default 300 (above wasm and cpu, below cuda). */
  priority?: number;
  /**
   * tfjs-webgpu's WEBGPU_CPU_FORWARD: run ops on tensors under ~1000 elements on the CPU.
   * Left at tfjs's default (true) unless given; tests set false so that every op runs on the GPU.
   */
  cpuForward?: boolean;
  /** Node on Linux: use Chromium's SwiftShader when no Vulkan driver is set up (true), never (false), or this manifest. */
  swiftShader?: boolean | string;
  /** Node: flags for Dawn's `create()` (e.g. 'adapter=NVIDIA'). */
  dawnFlags?: string[];
};

export const WEBGPU_PRIORITY = 300;
const TFJS_PACKAGE = '@tensorflow/tfjs-backend-webgpu';

type GpuSource = { gpu: Gpu; via: string; choice: DriverChoice | null; globals: Record<string, unknown> };
type Found = { ok: true; source: GpuSource; adapter: GpuAdapter } | { ok: false; reason: string };

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

function browserGpu(): Gpu | undefined {
  return (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
}

function label(adapter: GpuAdapter, via: string): { device: string; emulated: boolean } {
  const info = adapter.info ?? {};
  const name = info.description || info.device || 'WebGPU adapter';
  const maker = [info.vendor, info.architecture].filter(Boolean).join(' ');
  const text = `${name} ${info.device ?? ''} ${info.architecture ?? ''}`;
  const emulated = adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software/i.test(text);
  return { device: `${name}${maker ? ` (${maker})` : ''}, ${via}${emulated ? ', emulated on the CPU' : ''}`, emulated };
}

/** Installs the WebGPU globals tfjs-webgpu expects, without replacing any that exist. */
function installGlobals(source: GpuSource): void {
  const g = globalThis as Record<string, unknown> & { navigator?: { gpu?: Gpu } };
  for (const [key, value] of Object.entries(source.globals)) if (!(key in g)) g[key] = value;
  if (g.navigator === undefined) g.navigator = { gpu: source.gpu };
  else if (g.navigator.gpu === undefined) Object.defineProperty(g.navigator, 'gpu', { value: source.gpu, configurable: true });
}

export function createWebGpuBackend(options: WebGpuBackendOptions = {}): Backend {
  let found: Promise<Found> | null = null;
  let failure: string | null = null;

  async function findSource(): Promise<GpuSource | string> {
    const inBrowser = browserGpu();
    if (inBrowser) return { gpu: inBrowser, via: 'navigator.gpu', choice: null, globals: {} };
    if (!isNode) {
      return 'this browser has no WebGPU (navigator.gpu is undefined): it needs Chrome/Edge 113+ or another browser with WebGPU enabled, over https or localhost';
    }
    let mod;
    try {
      mod = await loadWebgpuModule();
    } catch (err) {
      if (isNotInstalled(err, 'webgpu')) return 'the `webgpu` package (Dawn for Node) is not installed: npm install webgpu';
      return `the \`webgpu\` package could not load its Dawn addon: ${describe(err)}`;
    }
    const choice = chooseVulkanDriver(options.swiftShader ?? true);
    return { gpu: mod.create(options.dawnFlags ?? []), via: 'Dawn in Node', choice, globals: mod.globals };
  }

  function find(): Promise<Found> {
    found ??= (async (): Promise<Found> => {
      try {
        const source = await findSource();
        if (typeof source === 'string') return { ok: false, reason: source };
        const adapter = await source.gpu.requestAdapter({ powerPreference: 'high-performance' });
        if (adapter === null) {
          return { ok: false, reason: source.choice ? noAdapterReason(source.choice) : 'no WebGPU adapter: the browser offers WebGPU but no GPU for it' };
        }
        return { ok: true, source, adapter };
      } catch (err) {
        return { ok: false, reason: `looking for a WebGPU adapter failed: ${describe(err)}` };
      }
    })();
    return found;
  }

  return {
    name: 'webgpu',
    priority: options.priority ?? WEBGPU_PRIORITY,

    async probe(): Promise<ProbeResult> {
      if (failure !== null) return { available: false, reason: failure };
      const f = await find();
      if (!f.ok) return { available: false, reason: f.reason };
      const { device, emulated } = label(f.adapter, f.source.via);
      return emulated ? { available: true, device, emulated } : { available: true, device };
    },

    async activate(): Promise<void> {
      if (failure !== null) throw new Error(failure);
      const f = await find();
      if (!f.ok) throw new Error(f.reason);
      if (!tf.findBackendFactory('webgpu')) {
        installGlobals(f.source);
        try {
          await import('@tensorflow/tfjs-backend-webgpu');
        } catch (err) {
          failure = `${TFJS_PACKAGE} could not be loaded: ${describe(err)}`;
          throw new Error(failure);
        }
        if (!tf.findBackendFactory('webgpu')) {
          failure = `${TFJS_PACKAGE} did not register its backend: it was imported before navigator.gpu existed (import @strata/backend-webgpu first)`;
          throw new Error(failure);
        }
      }
      if (options.cpuForward !== undefined) tf.env().set('WEBGPU_CPU_FORWARD', options.cpuForward);
      if (!(await tf.setBackend('webgpu'))) {
        throw new Error(`${TFJS_PACKAGE} could not create a WebGPU device (the warning above says why)`);
      }
    },
  };
}

export const webgpuBackend: Backend = createWebGpuBackend();
