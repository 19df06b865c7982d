// Hand-computed values: with the given weights, the given input must give the given output.
import * as st from 'strata';
import { LayerTestFailure, assertAllClose, assertShape, flatValues } from '../assertions.js';
import type { LayerTestSpec } from '../spec.js';
import { evaluateLayer } from '../tensors.js';

export function checkExpectedOutput(spec: LayerTestSpec): void {
  const expected = spec.expectedOutput;
  if (!expected) throw new LayerTestFailure(`${spec.name}: the spec has no expectedOutput.`);
  const layer = spec.make();
  const x = st.tf.tensor(flatValues(expected.input), spec.inputShape);
  try {
    evaluateLayer(layer, x, false); // builds, so the weights exist
    const given = expected.weights ?? [];
    if (given.length !== layer.weights.length) {
      throw new LayerTestFailure(`${spec.name}: expectedOutput gives ${given.length} weight(s), the layer has ${layer.weights.length}.`);
    }
    const values = layer.weights.map((w, i) => st.tf.tensor(flatValues(given[i]), w.shape));
    try {
      layer.setWeights(values);
    } finally {
      st.tf.dispose(values);
    }
    const y = evaluateLayer(layer, x, expected.training ?? false);
    assertShape(y.shape, spec.expectedOutputShape, `${spec.name}: output shape`);
    assertAllClose(y.values, flatValues(expected.output), `${spec.name}: output for the hand-computed case`, {
      atol: 1e-5,
      rtol: 1e-5,
      ...expected.tolerance,
    });
  } finally {
    x.dispose();
    layer.dispose();
  }
}
