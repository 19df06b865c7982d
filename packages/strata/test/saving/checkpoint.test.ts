// Checkpoints: resuming from a checkpoint saved with its optimizer state reproduces the
// uninterrupted run (tfjs, .keras and .h5 formats); a process killed with SIGKILL in the middle
// of writing a checkpoint leaves the previous checkpoint intact and loadable.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import * as st from 'strata';
import { tf } from 'strata';
import { loadModel, type ModelFormat } from '../../src/saving/save-load.js';
import { maxDiff, seeded } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function net(): st.Sequential {
  return st.sequential({ layers: [st.layers.dense({ units: 8, activation: 'tanh', inputShape: [4] }), st.layers.batchNormalization({}), st.layers.dense({ units: 3 })] });
}

describe('resuming from a checkpoint with optimizer state', () => {
  const x = tf.tensor2d(seeded(64, 1), [16, 4]);
  const y = tf.tensor2d(seeded(48, 2), [16, 3]);
  const fitArgs = { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 as const };
  const compileArgs = () => ({ optimizer: new st.Adam({ learningRate: 0.01 }), loss: 'meanSquaredError' });

  for (const format of ['tfjs', 'keras', 'h5'] as ModelFormat[]) {
    it(`${format}: 3 epochs + save + load + 3 epochs equals 6 uninterrupted epochs to 1e-6`, async () => {
      const straight = net();
      const interrupted = net();
      const initial = straight.getWeights();
      interrupted.setWeights(initial);
      tf.dispose(initial);
      straight.compile(compileArgs());
      interrupted.compile(compileArgs());
      await straight.fit(x, y, { ...fitArgs, epochs: 6 });
      await interrupted.fit(x, y, fitArgs);
      const target = format === 'tfjs' ? join(root, `resume-${format}`) : join(root, `resume.${format}`);
      await interrupted.save(target, { includeOptimizer: true });
      interrupted.dispose();
      const resumed = await loadModel(target);
      expect(resumed.optimizer?.iterations.dataSync()[0]).toBe(12);
      await resumed.fit(x, y, fitArgs);
      const [a, b] = [straight.getWeights(), resumed.getWeights()];
      expect(b.length).toBe(a.length);
      a.forEach((w, i) => expect(maxDiff(w.dataSync(), b[i].dataSync())).toBeLessThan(1e-6));
      tf.dispose([...a, ...b]);
      straight.dispose();
      resumed.dispose();
    });
  }

  it('without optimizer state the resumed run differs (the comparison above can fail)', async () => {
    const straight = net();
    const interrupted = net();
    const initial = straight.getWeights();
    interrupted.setWeights(initial);
    tf.dispose(initial);
    straight.compile(compileArgs());
    interrupted.compile(compileArgs());
    await straight.fit(x, y, { ...fitArgs, epochs: 6 });
    await interrupted.fit(x, y, fitArgs);
    const dir = join(root, 'no-optimizer');
    await interrupted.save(dir);
    interrupted.dispose();
    const resumed = await loadModel(dir);
    resumed.compile(compileArgs());
    await resumed.fit(x, y, fitArgs);
    const [a, b] = [straight.getWeights(), resumed.getWeights()];
    expect(Math.max(...a.map((w, i) => maxDiff(w.dataSync(), b[i].dataSync())))).toBeGreaterThan(1e-4);
    tf.dispose([...a, ...b]);
    straight.dispose();
    resumed.dispose();
  });
});

describe('a process killed while writing a checkpoint', () => {
  const here = fileURLToPath(new URL('.', import.meta.url));

  let bundled: Promise<string> | null = null;
  /** The child script bundled once (esbuild resolves the TypeScript sources) into a plain .mjs. */
  function bundleChild(): Promise<string> {
    bundled ??= bundle();
    return bundled;
  }

  async function bundle(): Promise<string> {
    const outfile = join(root, 'checkpoint-child.mjs');
    await build({
      entryPoints: [join(here, 'fixtures', 'checkpoint-child.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      // tfjs backends register themselves on import; keep those side effects.
      ignoreAnnotations: true,
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  }

  /** Runs the child until it has saved at least `minSaves` times, then kills it after `delayMs`. */
  function runAndKill(script: string, dir: string, format: string, minSaves: number, delayMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script, dir, format], { stdio: ['ignore', 'pipe', 'pipe'] });
      let lastSaved = 0;
      let stderr = '';
      let killing = false;
      child.stdout.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString().matchAll(/saved (\d+)/g)) lastSaved = Number(m[1]);
        if (!killing && lastSaved >= minSaves) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lastSaved) : reject(new Error(`child exited without being killed: ${stderr}`))));
    });
  }

  /** The k every weight of the checkpoint holds (they must all agree: no mix of two saves). */
  async function checkpointValue(target: string): Promise<number> {
    const model = await loadModel(target);
    const values = new Set<number>();
    for (const w of model.weights) for (const v of w.read().dataSync()) values.add(v);
    model.dispose();
    expect([...values].length).toBe(1);
    return [...values][0];
  }

  for (const format of ['tfjs', 'keras'] as const) {
    it(`${format}: the checkpoint on disk is always one complete save, never a mix`, async () => {
      const script = await bundleChild();
      const dir = join(root, `killed-${format}`);
      const target = format === 'tfjs' ? dir : join(dir, `model.${format}`);
      // Each round kills at a different point of the save loop; .keras (one file, one rename) needs fewer.
      const delays = format === 'tfjs' ? [0, 11, 29, 53] : [5, 23];
      for (const [round, delay] of delays.entries()) {
        const lastReported = await runAndKill(script, dir, format, 1 + round, delay);
        const k = await checkpointValue(target);
        // The checkpoint is the last save reported or the one in flight when the kill landed.
        expect(k === lastReported || k === lastReported + 1).toBe(true);
      }
      // Leftover staging folders are finished or removed by the next load.
      if (format === 'tfjs') expect(readdirSync(dir).filter((f) => f.startsWith('.strata-save-'))).toEqual([]);
    }, 60_000);
  }
});
