// Short end-to-end fits (MLP, CNN, LSTM) for the conformance suite: the same model, initial
// weights and data on cpu and on the backend under test; the per-epoch losses and the final
// weights must agree, and the loss must fall.
import * as st from 'strata';
import type { Tolerance } from '../assertions.js';
import { randomValues, size } from '../random.js';

type LayerFactories = Record<string, ((args: Record<string, unknown>) => st.Layer) | undefined>;
const layers = st.layers as unknown as LayerFactories;

export type FitCase = {
  name: string;
  /** Layer factories the model needs; the case is skipped, with their names, until they all exist. */
  needs: string[];
  build: () => st.Model;
  xShape: number[];
  classes: number;
  epochs: number;
  tolerance?: Tolerance;
};

/**
 * Losses after a few epochs of SGD/Adam on 32 samples: rounding differences of single steps
 * (~1e-6) grow through the updates, to ~1e-5 relative after 3 epochs here; 1e-3 leaves room
 * while a wrong gradient anywhere changes the loss in the second decimal.
 */
export const DEFAULT_FIT_TOLERANCE: Required<Tolerance> = { atol: 1e-4, rtol: 1e-3 };

const make = (name: string, args: Record<string, unknown>): st.Layer => {
  const factory = layers[name];
  if (factory === undefined) throw new Error(`st.layers.${name} does not exist yet`);
  return factory(args);
};

export const FIT_CASES: readonly FitCase[] = [
  {
    name: 'MLP (dense relu → dense softmax, Adam)',
    needs: ['dense'],
    xShape: [6],
    classes: 3,
    epochs: 3,
    build: () =>
      st.sequential({ layers: [make('dense', { units: 8, activation: 'relu', inputShape: [6] }), make('dense', { units: 3, activation: 'softmax' })] }),
  },
  {
    name: 'CNN (conv2d → maxPooling2d → flatten → dense, Adam)',
    needs: ['conv2d', 'maxPooling2d', 'flatten', 'dense'],
    xShape: [6, 6, 1],
    classes: 2,
    epochs: 3,
    build: () =>
      st.sequential({
        layers: [
          make('conv2d', { filters: 3, kernelSize: 3, activation: 'relu', padding: 'same', inputShape: [6, 6, 1] }),
          make('maxPooling2d', { poolSize: 2 }),
          make('flatten', {}),
          make('dense', { units: 2, activation: 'softmax' }),
        ],
      }),
  },
  {
    name: 'LSTM (lstm → dense, Adam)',
    needs: ['lstm', 'dense'],
    xShape: [5, 3],
    classes: 2,
    epochs: 3,
    // glorotUniform instead of the default orthogonal recurrent initializer: orthogonal reads its
    // draw back to the host synchronously, which WebGPU in Node cannot do (weights are set below anyway).
    build: () =>
      st.sequential({
        layers: [
          make('lstm', { units: 4, recurrentInitializer: 'glorotUniform', inputShape: [5, 3] }),
          make('dense', { units: 2, activation: 'softmax' }),
        ],
      }),
  },
];

export const FIT_SAMPLES = 32;

export function missingLayers(c: FitCase): string[] {
  return c.needs.filter((name) => typeof layers[name] !== 'function');
}

export type FitResult = { losses: number[]; weights: number[][] };

/** Builds the model with seeded weights and seeded data, fits it, and reads losses and weights. */
export async function runFitCase(c: FitCase, seed = 7): Promise<FitResult> {
  const tf = st.tf;
  const model = c.build();
  const initial = model.weights.map((w, i) => tf.tensor(randomValues(size(w.shape), seed + 100 + i, [-0.5, 0.5]), [...w.shape]));
  model.setWeights(initial);
  tf.dispose(initial);
  model.compile({ optimizer: new st.optimizers.Adam({ learningRate: 0.02 }), loss: 'categoricalCrossentropy' });
  const x = tf.tensor(randomValues(FIT_SAMPLES * size(c.xShape), seed), [FIT_SAMPLES, ...c.xShape]);
  // Labels depend on the inputs (the sign of a fixed projection), so there is something to learn.
  const y = tf.tidy(() => {
    const flat = tf.reshape(x, [FIT_SAMPLES, size(c.xShape)]);
    const projection = tf.tensor(randomValues(size(c.xShape) * c.classes, seed + 1), [size(c.xShape), c.classes]);
    return tf.oneHot(tf.argMax(tf.matMul(flat, projection), 1), c.classes);
  });
  try {
    const history = await model.fit(x, y, { epochs: c.epochs, batchSize: 8, shuffle: false, verbose: 0 });
    const copies = model.getWeights();
    const weights: number[][] = [];
    for (const w of copies) weights.push(Array.from(await w.data()));
    tf.dispose(copies);
    return { losses: history.history['loss'] ?? [], weights };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
