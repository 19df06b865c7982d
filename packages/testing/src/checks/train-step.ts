// One optimizer step lowers the loss: [InputLayer, layer, Flatten, Dense(1)] compiled with SGD
// and MSE; trainOnBatch twice on the same batch, and the second loss (measured after one update)
// must be lower than the first. The layer's own trainable weights must have moved too.
import { vi } from 'vitest';
import * as st from 'strata';
import { LayerTestFailure } from '../assertions.js';
import { modelWithHead } from '../models.js';
import { randomTensor } from '../random.js';
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
  // tfjs seeds an unseeded random op from Math.random; pinning it makes a stochastic layer draw
  // the same mask in both steps, so the two losses are the same function at w0 and at w1.
  const pinned = spec.stochastic ? vi.spyOn(Math, 'random').mockReturnValue(0.25) : null;
  try {
    model.compile({ optimizer: new st.SGD({ learningRate: spec.learningRate ?? 0.01 }), loss: 'meanSquaredError' });
    const before = weightValues(layer);
    const first = (await model.trainOnBatch(x, y)) as number;
    const second = (await model.trainOnBatch(x, y)) as number;
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
    pinned?.mockRestore();
    x.dispose();
    y.dispose();
    model.dispose();
  }
}
