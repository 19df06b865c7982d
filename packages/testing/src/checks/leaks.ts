// No leaked tensors: the live tensor count is the same before and after each operation, once
// the model is built and compiled (compile creates the optimizer state, DESIGN §6).
import * as st from 'strata';
import { LayerTestFailure } from '../assertions.js';
import { modelWithHead, withTempDir } from '../models.js';
import { randomTensor } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { disposeOutput, single } from '../tensors.js';

const { tf } = st;

/** Runs `step` and throws if it changed the number of live tensors. */
export async function expectNoLeak(what: string, step: () => unknown | Promise<unknown>): Promise<void> {
  const before = tf.memory().numTensors;
  await step();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new LayerTestFailure(`${what}: ${after - before > 0 ? 'leaked' : 'freed'} ${Math.abs(after - before)} tensor(s) (${before} live before, ${after} after).`);
  }
}

export async function checkNoLeaks(spec: LayerTestSpec): Promise<void> {
  const seed = spec.seed ?? 1;
  const where = spec.name;
  const start = tf.memory().numTensors;
  // The layer alone: apply in both modes and a backward pass.
  const layer = spec.make();
  const x = randomTensor(spec.inputShape, seed, spec.inputRange);
  try {
    disposeOutput(single(layer.apply(x), where), [x]); // builds
    for (const training of [false, true]) {
      await expectNoLeak(`${where}: apply(training=${training})`, () => disposeOutput(single(layer.apply(x, { training }), where), [x]));
    }
    await expectNoLeak(`${where}: gradient of the layer`, () => {
      const grad = tf.grad((input: st.Tensor) => tf.sum(single(layer.apply(input, { training: true }), where)))(x);
      grad.dispose();
    });
  } finally {
    x.dispose();
    layer.dispose();
  }
  if (spec.sequential !== false) await checkModelLeaks(spec);
  const end = tf.memory().numTensors;
  if (end !== start) {
    throw new LayerTestFailure(`${where}: ${end - start} tensor(s) still live after the layer and model were disposed (${start} before, ${end} after).`);
  }
}

async function checkModelLeaks(spec: LayerTestSpec): Promise<void> {
  const where = `${spec.name} (in a model)`;
  const seed = spec.seed ?? 1;
  const layer = spec.make();
  const model = modelWithHead(layer, spec.inputShape);
  const x = randomTensor(spec.inputShape, seed, spec.inputRange);
  const y = randomTensor([spec.inputShape[0], 1], seed + 3);
  try {
    model.compile({ optimizer: new st.SGD({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    await expectNoLeak(`${where}: layer.apply`, () => disposeOutput(single(layer.apply(x), where), [x]));
    await expectNoLeak(`${where}: predict`, () => tf.dispose(model.predict(x)));
    await expectNoLeak(`${where}: trainOnBatch`, () => model.trainOnBatch(x, y));
    await expectNoLeak(`${where}: fit (2 epochs)`, () => model.fit(x, y, { epochs: 2, batchSize: 1, verbose: 0 }));
    await expectNoLeak(`${where}: evaluate`, () => tf.dispose(model.evaluate(x, y)));
    await withTempDir(async (dir) => {
      await expectNoLeak(`${where}: save`, () => model.save(`file://${dir}`));
      await expectNoLeak(`${where}: load, predict, dispose`, async () => {
        const loaded = await st.loadLayersModel(`file://${dir}`);
        tf.dispose(loaded.predict(x));
        loaded.dispose();
      });
    });
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}
