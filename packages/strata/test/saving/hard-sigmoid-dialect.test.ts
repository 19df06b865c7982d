// 'hard_sigmoid' in a tfjs-format file means tfjs' clip(0.2x + 0.5, 0, 1) (the default recurrent
// activation of tfjs-layers' LSTM); in Strata (as in Keras 3) 'hardSigmoid' is relu6(x + 3) / 6.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { registerChainedOps } from '../layers/recurrent/tfl-chained-ops.js';
import { savingTo, writeModelDir } from '../parity/model-files.js';

const tf = st.tf;
const dir = mkdtempSync(join(tmpdir(), 'strata-hard-sigmoid-'));

beforeAll(async () => {
  registerChainedOps();
  await st.useBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("'hard_sigmoid' keeps each file format's meaning", () => {
  it("a tfjs-layers LSTM with its default recurrentActivation ('hardSigmoid') predicts the same in Strata", async () => {
    const source = tfl.sequential({ layers: [tfl.layers.lstm({ units: 3, inputShape: [4, 2] })] });
    expect((source.layers[0].getConfig() as { recurrentActivation: string }).recurrentActivation).toBe('hardSigmoid');
    const target = join(dir, 'tfjs-lstm');
    await source.save(savingTo((artifacts) => writeModelDir(target, artifacts)));
    const loaded = await st.loadLayersModel(`file://${target}/model.json`);
    // Inputs large enough that the two formulas differ (they agree only near 0 and far out).
    const x = tf.mul(tf.randomNormal([2, 4, 2], 0, 1, 'float32', 7), 3);
    const expected = source.predict(x) as st.Tensor;
    const got = loaded.predict(x) as st.Tensor;
    const diff = tf.max(tf.abs(tf.sub(expected, got))).dataSync()[0];
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([x, expected, got]);
    source.dispose();
    loaded.dispose();
  });

  it("Strata's Keras-3 hardSigmoid round-trips through the tfjs format and is not silently misread by tfjs-layers", async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 2, activation: 'hardSigmoid', inputShape: [3] })] });
    const target = join(dir, 'strata-dense');
    await model.save(`file://${target}`);
    const json = JSON.parse(readFileSync(join(target, 'model.json'), 'utf8'));
    expect(json.modelTopology.config.layers[0].config.activation).toBe('hard_sigmoid_keras3');
    const loaded = await st.loadLayersModel(`file://${target}/model.json`);
    const x = tf.tensor2d([[2, -1, 0.5], [-2, 3, 1]]);
    const a = model.predict(x) as st.Tensor;
    const b = loaded.predict(x) as st.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    await expect(tfl.loadLayersModel(st.fileSystem(`${target}/model.json`))).rejects.toThrow(/hard_sigmoid_keras3|hardSigmoidKeras3/i);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('legacyHardSigmoid is the tfjs formula', () => {
    const y = st.getActivation('legacyHardSigmoid').apply(tf.tensor1d([-3, -1, 0, 1, 3]));
    // clip(0.2x + 0.5, 0, 1) by hand.
    expect(Array.from(y.dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([0, 0.3, 0.5, 0.7, 1]);
    y.dispose();
  });
});
