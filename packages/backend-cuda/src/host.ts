// What the host offers a native TensorFlow backend, found without loading anything: Node
// built-ins (reached so that browser bundles never see them), shared-library look-ups, the
// NVIDIA driver and GPU names. Every function here returns null or false rather than throwing.

type NodeProcess = {
  versions?: { node?: string };
  platform?: string;
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
};
export const nodeProcess = (globalThis as { process?: NodeProcess }).process;
export const isNode = typeof nodeProcess?.versions?.node === 'string';

type Fs = typeof import('node:fs');
type Path = typeof import('node:path');
type ChildProcess = typeof import('node:child_process');
type Module = typeof import('node:module');

/** A Node built-in module, or null outside Node. */
export async function builtin<T>(id: string): Promise<T | null> {
  if (!isNode) return null;
  const viaProcess = nodeProcess?.getBuiltinModule?.(id);
  if (viaProcess) return viaProcess as T;
  try {
    const specifier = id; // a variable, so bundlers leave it alone
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch {
    return null;
  }
}

export const fs = () => builtin<Fs>('node:fs');
export const path = () => builtin<Path>('node:path');

/** The directory of an installed package, resolved from `from` (a file URL or path), or null. */
export async function packageDir(name: string, from: string): Promise<string | null> {
  const mod = await builtin<Module>('node:module');
  const p = await path();
  if (!mod || !p) return null;
  try {
    return p.dirname(mod.createRequire(from).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** Files in `dir` whose names match `pattern` (empty when the directory is missing). */
export async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  const f = await fs();
  if (!f) return [];
  try {
    return f.readdirSync(dir).filter((name) => pattern.test(name));
  } catch {
    return [];
  }
}

export async function exists(file: string): Promise<boolean> {
  const f = await fs();
  return f !== null && f.existsSync(file);
}

/** Runs a program briefly and returns its stdout, or null if it is missing or fails. */
export async function output(program: string, args: string[], timeoutMs = 5000): Promise<string | null> {
  const cp = await builtin<ChildProcess>('node:child_process');
  if (!cp) return null;
  return new Promise((resolve) => {
    try {
      cp.execFile(program, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) =>
        resolve(err ? null : String(stdout).trim()),
      );
    } catch {
      resolve(null);
    }
  });
}

const LIBRARY_DIRS = [
  '/usr/local/cuda/lib64', '/usr/local/cuda/targets/x86_64-linux/lib', '/usr/lib/x86_64-linux-gnu',
  '/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib64', '/lib', '/usr/local/lib',
];

/**
 * Where the dynamic loader would find a shared library (`libcudart.so.11.0`, say): the
 * directories of LD_LIBRARY_PATH, the loader cache (`ldconfig -p`), then the usual places.
 */
export async function findSharedLibrary(name: string): Promise<string | null> {
  const p = await path();
  if (!p) return null;
  const fromEnv = (nodeProcess?.env?.['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean);
  for (const dir of fromEnv) {
    const file = p.join(dir, name);
    if (await exists(file)) return file;
  }
  const cache = (await output('ldconfig', ['-p'])) ?? (await output('/sbin/ldconfig', ['-p']));
  const line = cache?.split('\n').find((l) => l.trim().startsWith(`${name} `));
  if (line) return line.slice(line.lastIndexOf('=>') + 2).trim();
  for (const dir of LIBRARY_DIRS) {
    const file = p.join(dir, name);
    if (await exists(file)) return file;
  }
  return null;
}

/** The NVIDIA kernel driver's version line, or null when no driver is loaded. */
export async function nvidiaDriver(): Promise<string | null> {
  const f = await fs();
  if (!f) return null;
  try {
    const text = f.readFileSync('/proc/driver/nvidia/version', 'utf8');
    return /Kernel Module\s+(?:for \S+\s+)?([\d.]+)/.exec(text)?.[1] ?? text.split('\n')[0]!.trim();
  } catch {
    return (await exists('/dev/nvidiactl')) ? 'unknown version' : null;
  }
}

/** The name of the first GPU, through nvidia-smi; null when nvidia-smi is missing or fails. */
export async function gpuName(): Promise<string | null> {
  const out = await output('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader']);
  return out ? out.split('\n')[0]!.trim() || null : null;
}
