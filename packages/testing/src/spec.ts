// What a layer test case says about a layer: how to make it, what shapes it maps, and which
// checks do not apply to it (with the reason).
import type * as st from 'strata';
import type { NestedNumbers, Tolerance } from './assertions.js';

export type CheckName = 'shapes' | 'weights' | 'config' | 'saveLoad' | 'gradients' | 'trainStep' | 'leaks' | 'expectedOutput';

/** Hand-computed values: the layer's weights are set to `weights`, then `input` must give `output`. */
export type ExpectedOutput = {
  /** Input values, nested or flat (reshaped to the spec's inputShape). */
  input: NestedNumbers;
  /** One entry per weight, in `layer.weights` order, nested or flat. Omit for layers without weights. */
  weights?: NestedNumbers[];
  /** Output values, nested or flat, for an output of the spec's expectedOutputShape. */
  output: NestedNumbers;
  training?: boolean;
  /** Default atol 1e-5, rtol 1e-5 (float32 arithmetic against float64 hand computation). */
  tolerance?: Tolerance;
};

export type GradientCheckOptions = {
  /** Finite-difference step (default 1e-2: float32 has ~7 digits, see gradient-check.ts). */
  eps?: number;
  /** Default atol 1e-3, rtol 2e-2. */
  tolerance?: Tolerance;
  /** At most this many coordinates of each tensor are checked (evenly spread; default 48). */
  maxCoordinates?: number;
};

export type LayerTestSpec = {
  /** Title of the describe block. */
  name: string;
  /** Returns a fresh, unbuilt layer. Called once per check, so checks never share state. */
  make: () => st.Layer;
  /** Concrete input shape, batch included, e.g. [2, 4]. Keep it small: the gradient check is O(size). */
  inputShape: number[];
  /** Concrete output shape for that input, batch included. */
  expectedOutputShape: number[];
  /** Shapes of `layer.weights` after building, in order. Omitted: the layer must have no weights. */
  expectedWeightShapes?: number[][];
  /** How many of those weights are trainable (default: all of them). */
  expectedTrainableWeights?: number;
  /** Range of the random inputs (default [-1, 1]). */
  inputRange?: [number, number];
  /** Seed of the random inputs and, in runLayerTest, of Math.random (weight init) per check (default 1). */
  seed?: number;
  /**
   * False for layers that cannot sit in a Sequential model after an InputLayer (multi-input
   * layers, InputLayer itself): skips save/load, the training step and the model-level leak check.
   */
  sequential?: boolean;
  /**
   * The layer draws random numbers in training (Dropout, noise layers): the gradient check runs
   * in inference mode, and the training-step check fixes the random source so both steps see the
   * same draw.
   */
  stochastic?: boolean;
  gradientCheck?: GradientCheckOptions;
  /** SGD learning rate of the training-step check (default 0.01). */
  learningRate?: number;
  expectedOutput?: ExpectedOutput;
  /** Checks that do not apply, each with the reason (shown in the test title). */
  skip?: Partial<Record<CheckName, string>>;
};

/** The reason a check is skipped for this spec, or null when it runs. */
export function skipReason(spec: LayerTestSpec, check: CheckName): string | null {
  const explicit = spec.skip?.[check];
  if (explicit) return explicit;
  const needsModel: CheckName[] = ['saveLoad', 'trainStep'];
  if (spec.sequential === false && needsModel.includes(check)) return 'the layer cannot be used in a Sequential model';
  if (check === 'expectedOutput' && !spec.expectedOutput) return 'no hand-computed values given';
  return null;
}

/** The batch shape with an unknown batch size: [2, 4] -> [null, 4]. */
export function symbolicShape(shape: readonly number[]): (number | null)[] {
  return [null, ...shape.slice(1)];
}
