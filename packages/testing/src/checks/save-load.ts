// Save/load round trip: a Sequential model holding the layer, saved to `file://` in the tfjs
// layers-model format and loaded back, predicts exactly the same values.
import { expect } from 'vitest';
import * as st from 'strata';
import { assertIdentical, valuesOf } from '../assertions.js';
import { modelAround, withTempDir } from '../models.js';
import { randomTensor } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { weightValues } from '../tensors.js';

/** The layer config without the input shape Sequential writes into its first layer. */
function withoutInputShape(config: st.JsonObject): st.JsonObject {
  const { batchInputShape: _ignored, ...rest } = config;
  return rest;
}

export async function checkSaveLoad(spec: LayerTestSpec): Promise<void> {
  const layer = spec.make();
  const model = modelAround(layer, spec.inputShape);
  const x = randomTensor(spec.inputShape, spec.seed ?? 1, spec.inputRange);
  let loaded: st.Model | null = null;
  try {
    const before = model.predict(x) as st.Tensor;
    const expected = valuesOf(before);
    before.dispose();
    loaded = await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      return st.loadLayersModel(`file://${dir}`);
    });
    expect(loaded.layers.map((l) => l.getClassName()), `${spec.name}: layers of the loaded model`).toEqual([layer.getClassName()]);
    const loadedLayer = loaded.layers[0];
    expect(withoutInputShape(loadedLayer.getConfig()), `${spec.name}: config of the loaded layer`).toEqual(
      withoutInputShape(layer.getConfig()),
    );
    expect(weightValues(loadedLayer), `${spec.name}: weights of the loaded layer`).toEqual(weightValues(layer));
    const after = loaded.predict(x) as st.Tensor;
    expect(after.shape, `${spec.name}: prediction shape after loading`).toEqual(spec.expectedOutputShape);
    assertIdentical(valuesOf(after), expected, `${spec.name}: predictions after save/load`);
    after.dispose();
  } finally {
    x.dispose();
    model.dispose();
    loaded?.dispose();
  }
}
