// Shape inference: symbolic apply, eager apply and computeOutputShape must agree with each other
// and with the spec, whichever way the layer was built first.
import * as st from 'strata';
import { LayerTestFailure, assertShape } from '../assertions.js';
import { randomTensor } from '../random.js';
import { symbolicShape, type LayerTestSpec } from '../spec.js';
import { disposeOutput, single } from '../tensors.js';

export function checkShapeInference(spec: LayerTestSpec): void {
  const where = `${spec.name}`;
  const symbolicIn = symbolicShape(spec.inputShape);
  const symbolicOut = symbolicShape(spec.expectedOutputShape);
  const x = randomTensor(spec.inputShape, spec.seed ?? 1, spec.inputRange);
  // Another batch size: a layer must not bake the first batch size into its weights or shapes.
  const otherBatch = [spec.inputShape[0] + 1, ...spec.inputShape.slice(1)];
  const xOther = randomTensor(otherBatch, (spec.seed ?? 1) + 1, spec.inputRange);
  const layers: st.Layer[] = [];
  try {
    // 1. Built from a symbolic tensor first (the functional API / Sequential path).
    const layer = spec.make();
    layers.push(layer);
    const input = st.layers.inputLayer({ batchInputShape: symbolicIn });
    const symbolic = single(layer.apply(input.output), `${where}: symbolic apply`);
    if (!(symbolic instanceof st.SymbolicTensor)) {
      throw new LayerTestFailure(`${where}: apply on a SymbolicTensor must return a SymbolicTensor.`);
    }
    assertShape(symbolic.shape, symbolicOut, `${where}: symbolic apply`);
    assertShape(layer.computeOutputShape(symbolicIn) as (number | null)[], symbolicOut, `${where}: computeOutputShape(${st.formatShape(symbolicIn)})`);
    assertShape(layer.computeOutputShape(spec.inputShape) as (number | null)[], spec.expectedOutputShape, `${where}: computeOutputShape(${st.formatShape(spec.inputShape)})`);
    for (const training of [false, true]) {
      const y = single(layer.apply(x, { training }), where);
      try {
        assertShape(y.shape, spec.expectedOutputShape, `${where}: eager apply (training=${training}) after symbolic build`);
        if (y.dtype !== symbolic.dtype) {
          throw new LayerTestFailure(`${where}: eager output dtype '${y.dtype}' differs from the symbolic dtype '${symbolic.dtype}'.`);
        }
      } finally {
        disposeOutput(y, [x]);
      }
    }
    const otherWhere = `${where}: eager apply with batch size ${otherBatch[0]} after a build with ${spec.inputShape[0]}`;
    let yOther: st.Tensor;
    try {
      yOther = single(layer.apply(xOther), where);
    } catch (e) {
      throw new LayerTestFailure(`${otherWhere} failed: ${(e as Error).message}`);
    }
    assertShape(yOther.shape, [otherBatch[0], ...spec.expectedOutputShape.slice(1)], otherWhere);
    disposeOutput(yOther, [xOther]);

    // 2. Built from a concrete tensor first (eager use), then used symbolically.
    const eagerFirst = spec.make();
    layers.push(eagerFirst);
    const y = single(eagerFirst.apply(x), where);
    assertShape(y.shape, spec.expectedOutputShape, `${where}: eager apply on a fresh layer`);
    disposeOutput(y, [x]);
    const later = single(eagerFirst.apply(st.layers.inputLayer({ batchInputShape: symbolicIn }).output), where);
    assertShape(later.shape, symbolicOut, `${where}: symbolic apply after an eager build`);
  } finally {
    x.dispose();
    xOther.dispose();
    for (const layer of layers) layer.dispose();
  }
}
