// One optimizer step lowers the loss: [InputLayer, layer, Flatten, Dense(1)] compiled with SGD
// and MSE; trainOnBatch twice on the same batch, and the second loss (measured after one update)
// must be lower than the first. The layer's own trainable weights must have moved too.
import * as st from 'strata';
import { LayerTestFailure } from '../assertions.js';
import { modelWithHead } from '../models.js';
import { randomTensor, withMathRandom } from '../random.js';
import type { LayerTestSpec } from '../spec.js';
import { weightValues } from '../tensors.js';

/** A batch large enough that no relu unit is dead on every sample (which would zero its gradient). */
export const TRAIN_BATCH = 16;

export async function checkTrainStep(spec: LayerTestSpec): Promise<void> {
  const seed = spec.seed ?? 1;
  const shape = [TRAIN_BATCH, ...spec.inputShape.slice(1)];
  const layer = spec.make();
  const model = modelWithHead(layer, shape);
  const x = randomTensor(shape, seed, spec.inputRange);
  const y = randomTensor([TRAIN_BATCH, 1], seed + 3);
  try {
    model.compile({ optimizer: new st.SGD({ learningRate: spec.learningRate ?? 0.01 }), loss: 'meanSquaredError' });
    const before = weightValues(layer);
    // tfjs seeds an unseeded random op from Math.random; pinning it makes a stochastic layer draw
    // the same mask in both steps, so the two losses are the same function at w0 and at w1.
    const step = () => model.trainOnBatch(x, y) as Promise<number>;
    const pin = <T>(body: () => Promise<T>) => (spec.stochastic ? withMathRandom(() => 0.25, body) : body());
    const first = await pin(step);
    const second = await pin(step);
    if (!Number.isFinite(first) || !Number.isFinite(second)) {
      throw new LayerTestFailure(`${spec.name}: training losses must be finite, found ${first} then ${second}.`);
    }
    if (!(second < first)) {
      throw new LayerTestFailure(`${spec.name}: one SGD step did not lower the loss: ${first} before, ${second} after.`);
    }
    const trainable = new Set(layer.trainableWeights.map((w) => w.name));
    if (trainable.size > 0) {
      const after = weightValues(layer);
      const moved = [...trainable].some((name) => after.get(name)!.some((v, i) => v !== before.get(name)![i]));
      if (!moved) {
        throw new LayerTestFailure(
          `${spec.name}: after two SGD steps no trainable weight of the layer changed (${[...trainable].join(', ')}): no gradient reaches them.`,
        );
      }
    }
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}
