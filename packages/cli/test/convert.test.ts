// `strata convert` between the three formats, and `strata summary` on each; run in-process
// through the commander program (the built-binary tests live in cli.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as st from 'strata';
import { tf } from 'strata';
import { buildProgram } from '../src/program.js';

const root = mkdtempSync(join(tmpdir(), 'strata-convert-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  try {
    const program = buildProgram();
    // Errors throw (instead of exiting the test process) and print nothing.
    for (const command of [program, ...program.commands]) command.exitOverride().configureOutput({ writeErr: () => undefined });
    await program.parseAsync(['node', 'strata', ...args]);
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

function values(model: st.Model, x: st.Tensor): number[] {
  const y = model.predict(x) as st.Tensor;
  const out = Array.from(y.dataSync());
  y.dispose();
  return out;
}

describe('strata convert', () => {
  it('tfjs → .keras → .h5 → tfjs keeps layers and predictions; summary reads all three', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 6, activation: 'relu', inputShape: [4], name: 'hidden' }), st.layers.dense({ units: 2, activation: 'softmax', name: 'out' })] });
    const tfjsDir = join(root, 'original');
    await model.save(tfjsDir);
    const x = tf.tensor2d([0.1, -0.2, 0.3, 0.4, 1, 2, -1, 0], [2, 4]);
    const expected = values(model, x);

    const kerasPath = join(root, 'model.keras');
    const h5Path = join(root, 'model.h5');
    const backDir = join(root, 'back');
    expect(await run('convert', tfjsDir, kerasPath)).toMatch(/Converted .* 2 layers, 44 parameters/);
    await run('convert', kerasPath, h5Path);
    await run('convert', h5Path, backDir, '--format', 'tfjs');
    for (const path of [kerasPath, h5Path, backDir]) {
      const loaded = await st.loadModel(path);
      expect(loaded.layers.map((l) => l.name)).toEqual(['hidden', 'out']);
      expect(values(loaded, x)).toEqual(expected);
      loaded.dispose();
      const summary = await run('summary', path);
      expect(summary).toContain('Total params: 44');
    }
    tf.dispose(x);
    model.dispose();
  });

  it('--quantize float16 writes a tfjs model with half-size weights; bad options fail clearly', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 8, inputShape: [8] })] });
    const source = join(root, 'q-source.keras');
    await model.save(source);
    await run('convert', source, join(root, 'q-out'), '--quantize', 'float16');
    const { statSync } = await import('node:fs');
    expect(statSync(join(root, 'q-out', 'group1-shard1of1.bin')).size).toBe((64 + 8) * 2);
    await expect(run('convert', source, join(root, 'x'), '--format', 'onnx')).rejects.toThrow(/expected one of tfjs, keras, h5; found 'onnx'/);
    await expect(run('convert', join(root, 'missing.keras'), join(root, 'y'))).rejects.toThrow(/No model at/);
    model.dispose();
  });
});
