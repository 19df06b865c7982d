// A tfjs-layers model saved with its optimizer state (tfjs-core's layout: 'iter', then each slot
// kind for all variables) loads in Strata: weights and compile config restored, the optimizer
// state left fresh with a warning (Strata's own layout is Keras 3's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';

const tf = st.tf;
const dir = mkdtempSync(join(tmpdir(), 'strata-tfjs-opt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tfjs-layers files with optimizer state', () => {
  it('load with identical predictions; the foreign optimizer state is skipped with a warning', async () => {
    const source = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
    source.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 5);
    const y = tf.randomNormal([4, 2], 0, 1, 'float32', 6);
    await source.fit(x, y, { epochs: 1, verbose: 0 });
    const target = join(dir, 'm');
    await source.save(st.fileSystem(target), { includeOptimizer: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const loaded = await st.loadLayersModel(`file://${target}/model.json`);
    expect(warn.mock.calls.some(([m]) => /saved by tfjs-core/.test(String(m)))).toBe(true);
    warn.mockRestore();
    const a = source.predict(x) as st.Tensor;
    const b = loaded.predict(x) as st.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(loaded.isCompiled).toBe(true);
    tf.dispose([x, y, a, b]);
    source.dispose();
    loaded.dispose();
  });
});
