// File-level parity with tfjs-layers 4.22 for the layer tests: a model saved by one library is
// loaded by the other and must predict the same values (1e-4 relative).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { assertAllClose, valuesOf } from '@strata/testing';

const { tf } = st;

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-tfjs-interop-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function expectSamePredictions(a: st.Tensor | st.Tensor[], b: st.Tensor | st.Tensor[], what: string): void {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  expect(as.length, `${what}: number of outputs`).toBe(bs.length);
  as.forEach((t, i) => {
    expect(t.shape, `${what}: shape of output ${i}`).toEqual(bs[i].shape);
    assertAllClose(valuesOf(t), valuesOf(bs[i]), `${what}: output ${i}`, { atol: 1e-6, rtol: 1e-4 });
  });
}

/** Saves a Strata model, loads it with tfjs-layers; returns the class names tfjs-layers rebuilt. */
export async function tfjsLoadsStrata(model: st.Model, x: st.Tensor | st.Tensor[]): Promise<string[]> {
  return inTempDir(async (dir) => {
    await model.save(st.fileSystem(dir));
    const loaded = await tfl.loadLayersModel(st.fileSystem(`file://${dir}/model.json`));
    const ours = model.predict(x);
    const theirs = loaded.predict(x) as st.Tensor | st.Tensor[];
    try {
      expectSamePredictions(theirs, ours, 'tfjs-layers loading a Strata model');
      return loaded.layers.map((l) => l.getClassName());
    } finally {
      tf.dispose([ours, theirs].flat());
      loaded.dispose();
    }
  });
}

/** Saves a tfjs-layers model, loads it with Strata; returns the class names Strata rebuilt. */
export async function strataLoadsTfjs(model: tfl.LayersModel, x: st.Tensor | st.Tensor[]): Promise<string[]> {
  return inTempDir(async (dir) => {
    await model.save(st.fileSystem(dir));
    const loaded = await st.loadLayersModel(`file://${dir}`);
    const theirs = model.predict(x) as st.Tensor | st.Tensor[];
    const ours = loaded.predict(x);
    try {
      expectSamePredictions(ours, theirs, 'Strata loading a tfjs-layers model');
      return loaded.layers.map((l) => l.getClassName());
    } finally {
      tf.dispose([ours, theirs].flat());
      loaded.dispose();
    }
  });
}
