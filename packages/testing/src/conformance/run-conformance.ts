// `conformanceSuite(options)`: the backend conformance suite (DESIGN §10) for one backend. It
// probes the backend; if unavailable, it registers one skipped test titled "skipped: <reason>"
// and prints the reason. Otherwise it computes every case on cpu first, then on the backend,
// and registers one test per case comparing the two within the case's stated tolerance.
// On cpu itself (the reference) the op gradients are checked against finite differences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { assertAllClose, type Tolerance } from '../assertions.js';
import { evaluateOpCase, evaluateOptimizerCase, type OpResult } from './evaluate.js';
import { checkOpGradients } from './finite-differences.js';
import { DEFAULT_FIT_TOLERANCE, FIT_CASES, missingLayers, runFitCase, type FitResult } from './fit-cases.js';
import { DEFAULT_OP_TOLERANCE, OP_CASES } from './op-cases.js';
import { DEFAULT_OPTIMIZER_TOLERANCE, OPTIMIZER_CASES } from './optimizer-cases.js';

export type ConformanceOptions = {
  /** The Strata backend under test (as given to st.useBackend). */
  backend: string;
  /** Runs after the backend is activated (e.g. to set WEBGPU_CPU_FORWARD to false). */
  afterActivate?: () => void | Promise<void>;
  /** Looser tolerances for named cases on this backend; say why next to each. */
  tolerances?: Readonly<Record<string, Tolerance>>;
  /**
   * Fails a case if the cpu backend receives any data while it runs on the backend under test,
   * i.e. if a kernel fell back to cpu (for wasm: proof that training runs on wasm). Names listed
   * in `allowCpuFallback` are exempt.
   */
  forbidCpuFallback?: boolean;
  allowCpuFallback?: readonly string[];
  /** Which parts to run (default all). */
  parts?: ReadonlyArray<'ops' | 'optimizers' | 'fits'>;
};

/** Counts writes into the tfjs cpu backend while `body` runs (the cpu bridge writes its inputs there). */
async function countingCpuWrites<T>(body: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const cpu = st.tf.engine().findBackend('cpu') as st.tf.KernelBackend | null;
  if (!cpu) return { result: await body(), writes: 0 };
  const original = cpu.write;
  let writes = 0;
  cpu.write = function (this: st.tf.KernelBackend, ...args: Parameters<typeof original>) {
    writes++;
    return original.apply(this, args);
  };
  try {
    return { result: await body(), writes };
  } finally {
    cpu.write = original;
  }
}

function tol(options: ConformanceOptions, name: string, fallback: Tolerance, own?: Tolerance): Tolerance {
  return options.tolerances?.[name] ?? own ?? fallback;
}

function label(t: Tolerance): string {
  return `atol ${t.atol ?? 1e-6}, rtol ${t.rtol ?? 1e-6}`;
}

/** Registers the suite for `options.backend`, or a skipped placeholder saying why it cannot run. */
export async function conformanceSuite(options: ConformanceOptions): Promise<void> {
  const listing = (await st.listBackends()).find((b) => b.name === options.backend);
  const reason = listing === undefined ? `backend '${options.backend}' is not registered` : listing.available ? null : listing.reason;
  if (reason !== null) {
    console.log(`conformance ${options.backend}: skipped: ${reason}`);
    describe(`conformance: ${options.backend}`, () => it.skip(`skipped: ${reason}`, () => {}));
    return;
  }
  registerSuite(options);
}

function registerSuite(options: ConformanceOptions): void {
  const { backend } = options;
  const parts = new Set(options.parts ?? ['ops', 'optimizers', 'fits']);
  const isReference = backend === 'cpu';
  const opRefs = new Map<string, OpResult>();
  const optRefs = new Map<string, number[][]>();
  const fitRefs = new Map<string, FitResult>();
  const fits = FIT_CASES.filter((c) => missingLayers(c).length === 0);

  const activate = async () => {
    await st.useBackend(backend);
    await options.afterActivate?.();
  };

  describe(`conformance: ${backend}`, () => {
    beforeAll(async () => {
      await st.useBackend('cpu');
      if (!isReference) {
        if (parts.has('ops')) for (const c of OP_CASES) opRefs.set(c.name, await evaluateOpCase(c));
        if (parts.has('optimizers')) for (const c of OPTIMIZER_CASES) optRefs.set(c.name, await evaluateOptimizerCase(c));
      }
      if (parts.has('fits')) for (const c of fits) fitRefs.set(c.name, await runFitCase(c));
      await activate();
    }, 300_000);

    afterAll(async () => {
      await st.useBackend('cpu'); // other test files assume cpu
    });

    const guarded = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
      const before = st.tf.memory().numTensors;
      const { result, writes } = await countingCpuWrites(body);
      expect(st.tf.memory().numTensors, `${name}: tensors leaked`).toBe(before);
      if (options.forbidCpuFallback && !options.allowCpuFallback?.includes(name)) {
        expect(writes, `${name}: ${writes} tensor(s) were written to the cpu backend (a kernel fell back to cpu)`).toBe(0);
      }
      return result;
    };

    if (parts.has('ops')) {
      describe('ops: forward and gradient', () => {
        for (const c of OP_CASES) {
          const t = tol(options, c.name, DEFAULT_OP_TOLERANCE, c.tolerance);
          if (isReference) {
            if (c.grad === false) continue;
            it(`${c.name}: autodiff matches finite differences`, () => {
              expect(checkOpGradients(c)).toEqual([]);
            });
            continue;
          }
          it(`${c.name} (${label(t)})`, async () => {
            expect(st.tf.getBackend()).not.toBe('cpu');
            const got = await guarded(c.name, () => evaluateOpCase(c));
            const ref = opRefs.get(c.name)!;
            assertAllClose(got.forward, ref.forward, `${c.name} forward on ${backend}`, t);
            expect(got.grads.length).toBe(ref.grads.length);
            got.grads.forEach((g, i) => assertAllClose(g, ref.grads[i]!, `${c.name} gradient ${i} on ${backend}`, t));
          });
        }
      });
    }

    if (parts.has('optimizers') && !isReference) {
      describe('optimizers: three steps', () => {
        for (const c of OPTIMIZER_CASES) {
          const t = tol(options, c.name, DEFAULT_OPTIMIZER_TOLERANCE, c.tolerance);
          it(`${c.name} (${label(t)})`, async () => {
            const got = await guarded(c.name, () => evaluateOptimizerCase(c));
            got.forEach((v, i) => assertAllClose(v, optRefs.get(c.name)![i]!, `${c.name} variable ${i} on ${backend}`, t));
          });
        }
      });
    }

    if (parts.has('fits')) {
      describe('fits', () => {
        for (const c of FIT_CASES) {
          const missing = missingLayers(c);
          if (missing.length > 0) {
            it.skip(`${c.name} (skipped: st.layers.${missing.join(', st.layers.')} not available yet)`, () => {});
            continue;
          }
          const t = tol(options, c.name, DEFAULT_FIT_TOLERANCE, c.tolerance);
          it(`${c.name}: loss falls${isReference ? '' : ` and matches cpu (${label(t)})`}`, async () => {
            const ref = fitRefs.get(c.name)!;
            const got = isReference ? ref : await guarded(c.name, () => runFitCase(c));
            expect(got.losses.length).toBe(c.epochs);
            expect(got.losses[c.epochs - 1]!).toBeLessThan(got.losses[0]!);
            if (!isReference) {
              assertAllClose(got.losses, ref.losses, `${c.name} losses on ${backend}`, t);
              got.weights.forEach((w, i) => assertAllClose(w, ref.weights[i]!, `${c.name} weight ${i} on ${backend}`, t));
            }
          }, 120_000);
        }
      });
    }
  });
}
