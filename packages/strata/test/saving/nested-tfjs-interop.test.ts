// A functional model used inside another, exchanged with tfjs-layers 4.22 in the tfjs format:
// Keras and tfjs-layers number the nested model's calls from 1 (node 0 is its own input node).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { savingTo, writeModelDir } from '../parity/model-files.js';

const tf = st.tf;
const dir = mkdtempSync(join(tmpdir(), 'strata-nested-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maxDiff(a: st.Tensor, b: st.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('nested functional models in the tfjs format', () => {
  it('tfjs-layers -> Strata', async () => {
    const innerIn = tfl.input({ shape: [3] });
    const inner = tfl.model({ inputs: innerIn, outputs: tfl.layers.dense({ units: 4, activation: 'relu' }).apply(innerIn) as tfl.SymbolicTensor, name: 'inner' });
    const x = tfl.input({ shape: [3] });
    const y = tfl.layers.dense({ units: 2 }).apply(inner.apply(x) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
    const outer = tfl.model({ inputs: x, outputs: y, name: 'outer' });
    const target = join(dir, 'from-tfjs');
    await outer.save(savingTo((a) => writeModelDir(target, a)));
    const loaded = await st.loadLayersModel(`file://${target}/model.json`);
    const data = tf.randomNormal([4, 3], 0, 1, 'float32', 3);
    const a = outer.predict(data) as st.Tensor;
    const b = loaded.predict(data) as st.Tensor;
    expect(maxDiff(a, b)).toBeLessThan(1e-6);
    tf.dispose([data, a, b]);
    outer.dispose();
    loaded.dispose();
  });

  it('Strata -> tfjs-layers, with Keras node numbering in the file', async () => {
    const innerIn = st.input({ shape: [3] });
    const inner = st.model({ inputs: innerIn, outputs: st.layers.dense({ units: 4, activation: 'relu' }).apply(innerIn), name: 'inner' });
    const x = st.input({ shape: [3], name: 'x' });
    const y = st.layers.dense({ units: 2, name: 'head' }).apply(inner.apply(x) as st.SymbolicTensor);
    const outer = st.model({ inputs: x, outputs: y, name: 'outer' });
    const target = join(dir, 'from-strata');
    await outer.save(`file://${target}`);
    const json = JSON.parse(readFileSync(join(target, 'model.json'), 'utf8'));
    const head = json.modelTopology.config.layers.find((l: { name: string }) => l.name === 'head');
    expect(head.inbound_nodes).toEqual([[['inner', 1, 0, {}]]]);
    const theirs = await tfl.loadLayersModel(st.fileSystem(`${target}/model.json`));
    const data = tf.randomNormal([4, 3], 0, 1, 'float32', 4);
    const a = outer.predict(data) as st.Tensor;
    const b = theirs.predict(data) as st.Tensor;
    expect(maxDiff(a, b)).toBeLessThan(1e-6);
    tf.dispose([data, a, b]);
    outer.dispose();
    theirs.dispose();
  });
});
