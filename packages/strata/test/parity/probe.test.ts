import { it } from 'vitest';
import * as st from 'strata';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
it('probe', async () => {
  const m = st.sequential({ layers: [st.layers.dense({ units: 8, inputShape: [5], activation: 'relu' }), st.layers.dropout({rate: 0.3}),
    st.layers.reshape({targetShape: [2,4]}), st.layers.flatten(), st.layers.dense({units: 3}), st.layers.activation({activation: 'softmax'})] });
  const dir = mkdtempSync(join(tmpdir(), 'p-'));
  await m.save('file://' + dir);
  console.log(readFileSync(join(dir, 'model.json'), 'utf8'));
  const t = await tfl.loadLayersModel(st.fileSystem(dir));
  const x = st.tf.randomNormal([4,5]);
  (t.predict(x) as any).print(); (m.predict(x) as any).print();
  t.summary();
});
