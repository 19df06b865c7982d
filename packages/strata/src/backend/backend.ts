// The contract every Strata backend implements (DESIGN §8). A backend is a thin adapter over a
// tfjs-core backend: it says whether it can run here, and makes itself the active one.

/**
 * What `probe()` found: where the backend would run, or in one line why it cannot. `emulated`
 * marks a device that is software pretending to be an accelerator (WebGPU on SwiftShader): it
 * works, but slower than the plain cpu/wasm backends, so 'auto' tries it only after them.
 */
export type ProbeResult =
  | { available: true; device: string; emulated?: boolean }
  | { available: false; reason: string };

export interface Backend {
  /** 'cpu' | 'wasm' | 'cuda' | 'webgpu' | a user's own name. */
  readonly name: string;
  /**
   * Order for `useBackend('auto')`: higher is tried first. Built-ins: cpu 100, wasm 200; the
   * packages: tensorflow (tfjs-node) 250, webgpu 300, cuda 400.
   */
  readonly priority: number;
  /** Checks availability without changing the active backend. Never throws. */
  probe(): Promise<ProbeResult>;
  /** Registers any kernels it needs and makes its tfjs backend the active one. */
  activate(): Promise<void>;
}

/** Priorities of the built-in backends; GPU backends should use 300 or more. */
export const CPU_PRIORITY = 100;
export const WASM_PRIORITY = 200;

/** The message of anything thrown, for one-line reasons. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err) return String(err.message);
  return String(err);
}
