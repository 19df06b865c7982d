// One runLayerTest case whose expected output comes from the plain-JS reference: seeded input
// and weights go through `forward` (reference.ts) and must come out of the layer.
import type * as st from 'strata';
import { runLayerTest, type LayerTestSpec } from '@strata/testing';
import { seeded, type Flat } from './reference.js';

export type RefCase = {
  name: string;
  make: () => st.Layer;
  inputShape: number[];
  /** Weight shapes in Keras order; empty for layers without weights. */
  weightShapes: number[][];
  forward: (x: Flat, weights: Flat[]) => Flat;
} & Pick<LayerTestSpec, 'skip' | 'gradientCheck' | 'inputRange' | 'learningRate'>;

export function runRefCase(c: RefCase): void {
  const x = seeded(c.inputShape, 11);
  const weights = c.weightShapes.map((shape, i) => seeded(shape, 101 + i));
  const y = c.forward(x, weights);
  runLayerTest({
    name: c.name,
    make: c.make,
    inputShape: c.inputShape,
    expectedOutputShape: y.shape,
    expectedWeightShapes: c.weightShapes.length > 0 ? c.weightShapes : undefined,
    expectedOutput: {
      input: x.data,
      weights: weights.map((w) => w.data),
      output: y.data,
      tolerance: { atol: 1e-5, rtol: 1e-4 },
    },
    skip: c.skip,
    gradientCheck: c.gradientCheck,
    inputRange: c.inputRange,
    learningRate: c.learningRate,
  });
}
