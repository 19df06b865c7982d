// ModelCheckpoint: Keras-formatted paths, saveBestOnly writing only on improvement (checked by
// the files present and by the weights inside the file after each epoch), weights-only saves.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { formatPath, pythonFloat } from '../../src/training/callbacks/format-path.js';
import { Inject, linearModel, onePoint } from './helpers.js';

const tf = st.tf;
const root = mkdtempSync(join(tmpdir(), 'strata-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('formatPath (Python str.format, as Keras fills checkpoint paths)', () => {
  it('formats the fields the way Python does', () => {
    // Expected strings are what CPython prints for the same format calls.
    expect(formatPath('ckpt-{epoch:02d}-{val_loss:.2f}', { epoch: 3, val_loss: 0.4567 })).toBe('ckpt-03-0.46');
    expect(formatPath('{loss:.3e}', { loss: 0.4567 })).toBe('4.567e-01');
    expect(formatPath('{x:08.3f}', { x: -3.14159 })).toBe('-003.142');
    expect(formatPath('{n:+d}|{n:>5}|{n:<5}|{n:^5}', { n: 5 })).toBe('+5|    5|5    |  5  ');
    expect(formatPath('{n:,}', { n: 1234567 })).toBe('1,234,567');
    expect(formatPath('{r:.1%}', { r: 0.256 })).toBe('25.6%');
    expect(formatPath('{a:g} {b:g} {c:g}', { a: 0.0001, b: 1e-5, c: 123456789 })).toBe('0.0001 1e-05 1.23457e+08');
    expect(formatPath('{x} {{literal}}', { x: 0.1 })).toBe('0.1 {literal}');
  });

  it('names the missing field and lists the available ones', () => {
    expect(() => formatPath('m-{val_acc:.2f}', { epoch: 1, loss: 0.5 })).toThrow(
      /cannot fill the path "m-\{val_acc:\.2f\}": no value named 'val_acc'\. Available: epoch, loss/,
    );
  });

  it('prints floats as Python repr does', () => {
    expect([1, 0.5, 1e-5, 1e16, 123.25, -2, Number.NaN, Infinity].map(pythonFloat)).toEqual([
      '1.0', '0.5', '1e-05', '1e+16', '123.25', '-2.0', 'nan', 'inf',
    ]);
  });
});

describe('ModelCheckpoint', () => {
  it('with saveBestOnly writes only the epochs that improve the monitored value', async () => {
    const dir = join(root, 'best-only');
    const model = linearModel();
    const { x, y } = onePoint();
    const checkpoint = st.callbacks.modelCheckpoint({
      filepath: join(dir, 'ckpt-{epoch:02d}-{score:.2f}'),
      monitor: 'score',
      mode: 'min',
      saveBestOnly: true,
    });
    await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [new Inject('score', [3, 2, 2.5, 1]), checkpoint] });
    // Epochs 1, 2 and 4 (1-based) improve; epoch 3 (2.5 > 2) does not.
    expect(readdirSync(dir).sort()).toEqual(['ckpt-01-3.00', 'ckpt-02-2.00', 'ckpt-04-1.00']);
    expect(checkpoint.best).toBe(1);
    const loaded = await st.loadLayersModel(`file://${join(dir, 'ckpt-04-1.00')}`);
    const [w] = loaded.getWeights();
    const [mine] = model.getWeights();
    expect(Array.from(w.dataSync())).toEqual(Array.from(mine.dataSync()));
    tf.dispose([w, mine, x, y]);
    loaded.dispose();
    model.dispose();
  });

  it('at a fixed path, the file keeps the best epoch\'s weights between improvements', async () => {
    const dir = join(root, 'fixed');
    const model = linearModel();
    const { x, y } = onePoint();
    const seen: { kernel: number; saved: number; mtime: number }[] = [];
    // Runs after the checkpoint callback: compares the model with what the file holds now.
    class Probe extends st.Callback {
      override async onEpochEnd(): Promise<void> {
        const loaded = await st.loadLayersModel(`file://${dir}`);
        const [saved] = loaded.getWeights();
        const [kernel] = model.getWeights();
        seen.push({ kernel: kernel.dataSync()[0], saved: saved.dataSync()[0], mtime: statSync(join(dir, 'model.json')).mtimeMs });
        tf.dispose([saved, kernel]);
        loaded.dispose();
      }
    }
    const checkpoint = new st.callbacks.ModelCheckpoint({ filepath: `file://${dir}`, monitor: 'score', mode: 'min', saveBestOnly: true });
    await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [new Inject('score', [3, 2, 2.5, 1]), checkpoint, new Probe()] });
    // By hand: w <- w + 0.2 (1 - w) from 0: 0.2, 0.36, 0.488, 0.5904.
    const expectedKernel = [0.2, 0.36, 0.488, 0.5904];
    seen.forEach((s, i) => expect(s.kernel).toBeCloseTo(expectedKernel[i], 5));
    // Saved weights: epochs 1, 2 improve; epoch 3 does not (the file keeps epoch 2's); epoch 4 improves.
    expect(seen.map((s) => s.saved)).toEqual([seen[0].kernel, seen[1].kernel, seen[1].kernel, seen[3].kernel]);
    expect(seen[2].mtime).toBe(seen[1].mtime);
    expect(checkpoint.saved).toHaveLength(3);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('saves every epoch by default, and weights only when asked', async () => {
    const dir = join(root, 'weights');
    const model = linearModel();
    const { x, y } = onePoint();
    const checkpoint = new st.callbacks.ModelCheckpoint({ filepath: join(dir, 'w-{epoch}'), saveWeightsOnly: true });
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [checkpoint] });
    expect(readdirSync(dir).sort()).toEqual(['w-1', 'w-2']);
    expect(existsSync(join(dir, 'w-1', 'weights.json'))).toBe(true);
    expect(existsSync(join(dir, 'w-1', 'model.json'))).toBe(false);
    // Weights after epoch 1 (0.2) go back into the model.
    await model.loadWeights(join(dir, 'w-1'));
    const [w] = model.getWeights();
    expect(w.dataSync()[0]).toBeCloseTo(0.2, 6);
    tf.dispose([w, x, y]);
    model.dispose();
  });

  it('rejects unknown options and a missing filepath', () => {
    expect(() => new st.callbacks.ModelCheckpoint({ filepath: 'x', saveBest: true } as unknown as st.callbacks.ModelCheckpointArgs)).toThrow(
      /ModelCheckpoint: unknown option\(s\) 'saveBest'/,
    );
    expect(() => new st.callbacks.ModelCheckpoint({} as st.callbacks.ModelCheckpointArgs)).toThrow(/filepath must be a non-empty string/);
    expect(() => new st.callbacks.ModelCheckpoint({ filepath: 'x', saveFreq: 0 })).toThrow(/saveFreq must be an integer >= 1, found 0/);
  });
});
