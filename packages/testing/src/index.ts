// @strata/testing: the shared layer test harness (DESIGN §10).
export { runLayerTest, LAYER_CHECKS } from './run-layer-test.js';
export { skipReason, symbolicShape, type CheckName, type ExpectedOutput, type GradientCheckOptions, type LayerTestSpec } from './spec.js';
export { checkShapeInference } from './checks/shape-inference.js';
export { checkWeights } from './checks/weights.js';
export { checkExpectedOutput } from './checks/expected-output.js';
export { checkConfigRoundTrip } from './checks/config-round-trip.js';
export { checkSaveLoad } from './checks/save-load.js';
export { checkGradients } from './checks/gradient-check.js';
export { checkTrainStep, TRAIN_BATCH } from './checks/train-step.js';
export { checkNoLeaks, expectNoLeak } from './checks/leaks.js';
export { LayerTestFailure, assertAllClose, assertIdentical, assertShape, flatValues, isClose, valuesOf, type NestedNumbers, type Tolerance } from './assertions.js';
export { DEFAULT_EPS, DEFAULT_GRADIENT_TOLERANCE, differences, judge, sampleIndices, type Differences } from './numeric-gradient.js';
export { randomTensor, randomValues, seededRandom, withMathRandom } from './random.js';
export { modelAround, modelWithHead, withTempDir } from './models.js';
export * from './conformance/index.js';
