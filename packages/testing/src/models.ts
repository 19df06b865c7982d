// The small models the checks build around a layer, and a temporary directory for saving them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as st from 'strata';
import { symbolicShape } from './spec.js';

/** InputLayer -> layer: the layer is the model's only (first) layer. */
export function modelAround(layer: st.Layer, inputShape: readonly number[]): st.Sequential {
  return st.sequential({ layers: [st.layers.inputLayer({ batchInputShape: symbolicShape(inputShape) }), layer] });
}

/**
 * InputLayer -> layer -> Flatten -> Dense(1): a trainable head makes the training checks apply
 * to every layer, weighted or not, and a [batch, 1] target works for any output shape.
 */
export function modelWithHead(layer: st.Layer, inputShape: readonly number[]): st.Sequential {
  const model = modelAround(layer, inputShape);
  model.add(st.layers.flatten());
  model.add(st.layers.dense({ units: 1 }));
  return model;
}

/** Runs `fn` with a fresh temporary directory, removed afterwards whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-layer-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
