// Config round trip: serialize -> JSON text -> deserialize through the registry gives a layer of
// the same class with the same config, and (with the weights copied) the same outputs.
import { expect } from 'vitest';
import * as st from 'strata';
import { LayerTestFailure, assertIdentical } from '../assertions.js';
import { randomTensor } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { evaluateLayer } from '../tensors.js';

export function checkConfigRoundTrip(spec: LayerTestSpec): void {
  const layer = spec.make();
  const x = randomTensor(spec.inputShape, spec.seed ?? 1, spec.inputRange);
  let copy: st.Layer | null = null;
  try {
    const original = evaluateLayer(layer, x, false);
    const serialized = st.serialize(layer);
    // Through JSON text, as a file would carry it: NaN, Infinity, functions and class instances
    // in a config do not survive this and make the comparison below fail.
    const json = JSON.parse(JSON.stringify(serialized)) as st.SerializedObject;
    expect(json, `${spec.name}: the config must be JSON-safe`).toEqual(serialized);
    copy = st.deserialize<st.Layer>(json, 'layer');
    if (!(copy instanceof st.Layer)) throw new LayerTestFailure(`${spec.name}: deserialize did not return a Layer.`);
    expect(copy.getClassName(), `${spec.name}: class name after the round trip`).toBe(layer.getClassName());
    expect(copy.getConfig(), `${spec.name}: config after the round trip`).toEqual(layer.getConfig());

    evaluateLayer(copy, x, false); // builds the copy
    const values = layer.getWeights();
    try {
      copy.setWeights(values);
    } finally {
      st.tf.dispose(values);
    }
    const restored = evaluateLayer(copy, x, false);
    expect(restored.shape, `${spec.name}: output shape of the rebuilt layer`).toEqual(original.shape);
    assertIdentical(restored.values, original.values, `${spec.name}: outputs of the rebuilt layer with copied weights`);
  } finally {
    x.dispose();
    layer.dispose();
    copy?.dispose();
  }
}
