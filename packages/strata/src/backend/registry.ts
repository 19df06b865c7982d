// The backend registry: which backends exist, which one runs, and how 'auto' chooses.
// The built-in cpu and wasm backends are always registered; backend packages add themselves.
import { UnknownNameError, ValueError } from '../errors.js';
import { tf } from '../runtime/tf.js';
import { describeError, type Backend, type ProbeResult } from './backend.js';
import { cpuBackend } from './cpu-backend.js';
import { wasmBackend } from './wasm-backend.js';

export type BackendListing = { name: string; priority: number; active: boolean } & ProbeResult;

const backends = new Map<string, Backend>();
/** The tfjs backend each Strata backend turned on (a 'cuda' backend may run tfjs 'tensorflow'). */
const tfjsNames = new Map<string, string>();
/** The Strata backend last activated by useBackend, or null while the user has chosen none. */
let chosen: string | null = null;
let autoChoice: Promise<string> | null = null;
/** Activations run one at a time: two interleaved tf.setBackend calls would race. */
let queue: Promise<unknown> = Promise.resolve();

/** Adds a backend, or replaces the one registered under the same name. */
export function registerBackend(backend: Backend): void {
  const where = 'registerBackend()';
  if (typeof backend?.name !== 'string' || backend.name.trim() === '' || backend.name === 'auto') {
    throw new ValueError(
      `${where}: expected a non-empty backend name other than 'auto', found ${JSON.stringify(backend?.name)}.`,
    );
  }
  if (typeof backend.priority !== 'number' || !Number.isFinite(backend.priority)) {
    throw new ValueError(
      `${where}: expected a finite number as the priority of backend '${backend.name}', found ${String(backend.priority)}.`,
    );
  }
  if (typeof backend.probe !== 'function' || typeof backend.activate !== 'function') {
    throw new ValueError(`${where}: backend '${backend.name}' must have probe() and activate() methods.`);
  }
  backends.set(backend.name, backend);
  tfjsNames.delete(backend.name);
}

/** Highest priority first; ties keep registration order. */
function byPriority(): Backend[] {
  return [...backends.values()].sort((a, b) => b.priority - a.priority);
}

/** probe() must not throw, but a user's backend might: treat a throw as "unavailable". */
async function safeProbe(backend: Backend): Promise<ProbeResult> {
  try {
    return await backend.probe();
  } catch (err) {
    return { available: false, reason: `probe() threw: ${describeError(err)}` };
  }
}

async function activate(backend: Backend): Promise<void> {
  const previous = tf.getBackend();
  try {
    await backend.activate();
  } catch (err) {
    // A failed tf.setBackend leaves tfjs pointing at a backend with no instance: go back.
    const fallback = previous || 'cpu';
    if (tf.getBackend() !== fallback || !(fallback in tf.engine().registry)) {
      await tf.setBackend(fallback).catch(() => false);
    }
    throw new Error(`Backend '${backend.name}' failed to activate: ${describeError(err)}`);
  }
  tfjsNames.set(backend.name, tf.getBackend());
  chosen = backend.name;
}

async function activateAuto(): Promise<string> {
  const refusals: string[] = [];
  const probed: Array<[Backend, ProbeResult]> = [];
  for (const backend of byPriority()) probed.push([backend, await safeProbe(backend)]);
  // Emulated devices (software GPUs) go last: they work, but slower than cpu and wasm.
  const order = [
    ...probed.filter(([, p]) => !(p.available && p.emulated)),
    ...probed.filter(([, p]) => p.available && p.emulated),
  ];
  for (const [backend, probe] of order) {
    if (!probe.available) {
      refusals.push(`${backend.name}: ${probe.reason}`);
      continue;
    }
    try {
      await activate(backend);
      return backend.name;
    } catch (err) {
      refusals.push(`${backend.name}: ${describeError(err)}`);
    }
  }
  throw new Error(`useBackend('auto'): expected at least one usable backend, found none. ${refusals.join('; ')}.`);
}

async function activateNamed(name: string): Promise<string> {
  if (name === 'auto') return activateAuto();
  const backend = backends.get(name);
  if (backend === undefined) throw new UnknownNameError('backend', name, ['auto', ...backends.keys()]);
  const probe = await safeProbe(backend);
  if (!probe.available) {
    throw new Error(`useBackend('${name}'): backend '${name}' is not available here: ${probe.reason}.`);
  }
  await activate(backend);
  return name;
}

/**
 * Makes a backend the active one and returns its name. 'auto' tries backends from the highest
 * priority down and takes the first that probes available and activates; backends whose device
 * is emulated come after all the others.
 */
export function useBackend(name: 'auto' | (string & {})): Promise<string> {
  const run = queue.then(() => activateNamed(name));
  queue = run.catch(() => undefined);
  return run;
}

/** The Strata backend whose tfjs backend is running now, if any. */
function activeName(): string | null {
  const current = tf.getBackend();
  if (!current) return null;
  if (chosen !== null && tfjsNames.get(chosen) === current) return chosen;
  for (const [name, tfjsName] of tfjsNames) if (tfjsName === current && backends.has(name)) return name;
  return backends.has(current) ? current : null;
}

/** Every registered backend, highest priority first, with what its probe found. */
export async function listBackends(): Promise<BackendListing[]> {
  const all = byPriority();
  const probes = await Promise.all(all.map(safeProbe));
  const active = activeName();
  return all.map((b, i) => ({ name: b.name, priority: b.priority, active: b.name === active, ...probes[i]! }));
}

/** The name of the tfjs backend running now (`tf.getBackend()`). */
export function activeBackend(): string {
  const name = tf.getBackend();
  if (name) return name;
  // tfjs picks its backend lazily on the first op; make that pick now so the answer is true.
  try {
    void tf.engine().backend;
  } catch {
    return '';
  }
  return tf.getBackend() ?? '';
}

/**
 * Called by the engine before the first op of fit/predict: if the user never chose a backend,
 * picks one with useBackend('auto'), once. Returns the Strata backend in use.
 */
export function ensureBackend(): Promise<string> {
  if (chosen !== null) return Promise.resolve(activeName() ?? chosen);
  autoChoice ??= useBackend('auto').catch((err: unknown) => {
    autoChoice = null;
    throw err;
  });
  return autoChoice;
}

registerBackend(cpuBackend);
registerBackend(wasmBackend);
