// A WebGPU implementation for Node: the `webgpu` npm package (Google's Dawn, prebuilt), which
// talks to Vulkan on Linux, Metal on macOS and D3D12 on Windows.
//
// On Linux Dawn needs the Vulkan loader (libvulkan.so.1) and a Vulkan driver. A machine without
// a GPU can use SwiftShader, the CPU Vulkan driver that Chromium ships: when no Vulkan driver is
// installed system-wide and none is named in the environment, we point the loader at Chromium's
// SwiftShader (VK_ICD_FILENAMES) before Dawn starts.

type NodeProcess = {
  versions?: { node?: string };
  platform?: string;
  env: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
};
const proc = (globalThis as { process?: NodeProcess }).process;
export const isNode = typeof proc?.versions?.node === 'string';

/** The parts of the WebGPU API this package touches (the full types live in @webgpu/types). */
export type GpuAdapterInfo = { vendor?: string; architecture?: string; device?: string; description?: string };
export type GpuAdapter = { info?: GpuAdapterInfo; isFallbackAdapter?: boolean };
export type Gpu = { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapter | null> };
export type WebgpuModule = { create(flags: string[]): Gpu; globals: Record<string, unknown> };

/** Where distributions put Chromium's (or Chrome's) SwiftShader Vulkan driver manifest. */
export const SWIFTSHADER_ICDS = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib64/chromium-browser/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json',
];
const ICD_DIRS = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
const LOADER_DIRS = [
  '/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/aarch64-linux-gnu',
  '/usr/lib64', '/usr/lib', '/usr/local/lib',
];
const DRIVER_VARIABLES = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES'];

function nodeFs(): typeof import('node:fs') | null {
  return (proc?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined) ?? null;
}

function existing(files: string[]): string[] {
  const fs = nodeFs();
  return fs ? files.filter((f) => fs.existsSync(f)) : [];
}

function systemIcds(): string[] {
  const fs = nodeFs();
  if (!fs) return [];
  const dataDirs = (proc?.env['XDG_DATA_DIRS'] ?? '').split(':').filter(Boolean).map((d) => `${d}/vulkan/icd.d`);
  return [...ICD_DIRS, ...dataDirs].flatMap((dir) => {
    try {
      return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });
}

/** Whether the Vulkan loader library is on this Linux machine (checked only to explain a failure). */
export function hasVulkanLoader(): boolean {
  const dirs = [...(proc?.env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean), ...LOADER_DIRS];
  return existing(dirs.map((d) => `${d}/libvulkan.so.1`)).length > 0;
}

export type DriverChoice = { driver: 'environment' | 'system' | 'swiftshader' | 'none'; icd?: string };

/**
 * Decides which Vulkan driver Dawn will see, setting VK_ICD_FILENAMES to SwiftShader when
 * nothing else is configured. `swiftShader`: true (find it), false (never), or a manifest path.
 */
export function chooseVulkanDriver(swiftShader: boolean | string): DriverChoice {
  if (proc?.platform !== 'linux') return { driver: 'system' };
  const named = DRIVER_VARIABLES.find((v) => proc.env[v]);
  if (named) return { driver: 'environment', icd: proc.env[named] };
  if (systemIcds().length > 0) return { driver: 'system' };
  if (swiftShader === false) return { driver: 'none' };
  const icd = typeof swiftShader === 'string' ? existing([swiftShader])[0] : existing(SWIFTSHADER_ICDS)[0];
  if (icd === undefined) return { driver: 'none' };
  proc.env['VK_ICD_FILENAMES'] = icd;
  return { driver: 'swiftshader', icd };
}

/** Why no adapter was found, in one line, with what to install. */
export function noAdapterReason(choice: DriverChoice): string {
  if (proc?.platform !== 'linux') return 'no WebGPU adapter: Dawn found no usable GPU';
  if (!hasVulkanLoader()) {
    return (
      'no WebGPU adapter: the Vulkan loader (libvulkan.so.1) is not installed; on Debian/Ubuntu: ' +
      'apt-get install libvulkan1, plus a Vulkan driver (your GPU\'s, or the chromium package for SwiftShader)'
    );
  }
  switch (choice.driver) {
    case 'none':
      return (
        'no WebGPU adapter: no Vulkan driver is installed (no ICD in /usr/share/vulkan/icd.d, no SwiftShader); ' +
        'install your GPU\'s Vulkan driver, or the chromium package for SwiftShader (apt-get install chromium)'
      );
    case 'environment':
      return `no WebGPU adapter: Dawn found no usable device through the Vulkan driver ${choice.icd} (from the environment)`;
    case 'swiftshader':
      return `no WebGPU adapter: Dawn could not use SwiftShader (${choice.icd})`;
    default:
      return 'no WebGPU adapter: Dawn found no usable device through the installed Vulkan drivers (Mesa\'s lavapipe is too old for Dawn on some distributions)';
  }
}

let loading: Promise<WebgpuModule> | null = null;

/** Imports the `webgpu` package once. */
export function loadWebgpuModule(): Promise<WebgpuModule> {
  loading ??= (async () => {
    const specifier = 'webgpu'; // a variable, so browser bundlers leave this Node-only import alone
    return (await import(/* @vite-ignore */ specifier)) as WebgpuModule;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Whether an import error says the package itself is absent (rather than broken). */
export function isNotInstalled(err: unknown, name: string): boolean {
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err);
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(message)) &&
    message.includes(`'${name}'`)
  );
}
