// Models used as layers inside a functional model survive every format (Keras numbers a nested
// functional model's calls from 1; Strata from 0 — the .keras and .h5 code translates).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as st from 'strata';
import { tf } from 'strata';
import { loadModel } from '../../src/saving/save-load.js';
import { maxDiff, seeded } from './reference.js';

const root = mkdtempSync(join(tmpdir(), 'strata-nested-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function build(): st.Model {
  const inner = st.sequential({ name: 'inner_seq', layers: [st.layers.dense({ units: 3, activation: 'tanh', inputShape: [4], name: 'inner_dense' })] });
  const x0 = st.input({ shape: [3], name: 'sub_in' });
  const sub = st.model({ inputs: x0, outputs: st.layers.dense({ units: 2, name: 'sub_dense' }).apply(x0) as st.SymbolicTensor, name: 'sub_fn' });
  const x = st.input({ shape: [4], name: 'outer_in' });
  const h = inner.apply(x) as st.SymbolicTensor;
  return st.model({ inputs: x, outputs: sub.apply(h) as st.SymbolicTensor, name: 'outer' });
}

for (const target of ['nested-tfjs', 'nested.keras', 'nested.h5']) {
  it(`${target}: a Sequential and a functional model nested in a functional model round-trip`, async () => {
    const model = build();
    const path = join(root, target);
    await model.save(path);
    const loaded = await loadModel(path);
    expect(loaded.weights.map((w) => w.name)).toEqual(model.weights.map((w) => w.name));
    const x = tf.tensor2d(seeded(8, 5), [2, 4]);
    const [a, b] = [model.predict(x) as st.Tensor, loaded.predict(x) as st.Tensor];
    expect(maxDiff(a.dataSync(), b.dataSync())).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
}
