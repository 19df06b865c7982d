// The weights a layer creates when built: shapes in Keras order, trainability, unique names.
import { expect } from 'vitest';
import { LayerTestFailure } from '../assertions.js';
import { randomTensor } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { disposeOutput, single } from '../tensors.js';

export function checkWeights(spec: LayerTestSpec): void {
  const layer = spec.make();
  if (layer.weights.length > 0) {
    layer.dispose();
    throw new LayerTestFailure(`${spec.name}: the constructor created ${layer.weights.length} weight(s); weights belong in build().`);
  }
  const x = randomTensor(spec.inputShape, spec.seed ?? 1, spec.inputRange);
  try {
    disposeOutput(single(layer.apply(x), spec.name), [x]);
    const expectedShapes = spec.expectedWeightShapes ?? [];
    expect(layer.weights.map((w) => w.shape), `${spec.name}: weight shapes, in order`).toEqual(expectedShapes);
    expect(layer.trainableWeights.length, `${spec.name}: number of trainable weights`).toBe(
      spec.expectedTrainableWeights ?? expectedShapes.length,
    );
    const names = layer.weights.map((w) => w.name);
    expect(new Set(names).size, `${spec.name}: weight names must be unique, found ${names.join(', ')}`).toBe(names.length);
    for (const name of names) {
      expect(name.startsWith(`${layer.name}/`), `${spec.name}: weight '${name}' must be prefixed with the layer name '${layer.name}/'`).toBe(true);
    }
    const params = expectedShapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
    expect(layer.countParams(), `${spec.name}: countParams()`).toBe(params);
  } finally {
    x.dispose();
    layer.dispose();
  }
}
