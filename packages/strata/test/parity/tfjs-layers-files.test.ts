// File-format parity with tfjs-layers 4.22, run in the same process. tfjs-layers' Node entry
// (CommonJS) requires the same hoisted @tensorflow/tfjs-core that Strata imports, so both share
// one engine, backend and tensor class; tensors pass freely between them.
//
// Chained tensor ops (DESIGN §9): plain Node's tfjs-core registers none, but the tfjs-layers
// paths these tests use (Dense, Dropout, Reshape, Flatten, Activation; predict, setWeights,
// trainOnBatch, save/load through an IOHandler) call functional ops only, so no extra
// registration is needed. A path that does need them fails with "x.reshape is not a function";
// the fix then is a vitest globalSetup that esbuild-bundles
// '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops' as
// scripts/build-vendor.mjs does for the gradients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { tf } from 'strata';
import { maxAbsDiff, readModelDir, savingTo, seededValues, writeModelDir } from './model-files.js';

const root = mkdtempSync(join(tmpdir(), 'strata-parity-'));
let dirCount = 0;
const freshDir = () => join(root, `m${dirCount++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Overwrites every weight with deterministic non-zero values (biases included, so a kernel/bias
 * mix-up shows). Note: tfjs-layers' getWeights() returns its live variables, not copies (never
 * dispose them); Strata's returns copies the caller owns.
 */
function fillWeights(model: st.Sequential | tfl.Sequential, seed: number): void {
  const current = model.getWeights();
  const values = current.map((w, i) => tf.tensor(seededValues(w.size, seed + i), w.shape));
  model.setWeights(values);
  if (model instanceof st.Sequential) tf.dispose(current);
  tf.dispose(values);
}

function sampleBatch(seed: number, rows = 6): tf.Tensor2D {
  return tf.tensor2d(seededValues(rows * 5, seed), [rows, 5]);
}

/** Same shapes in the same order, identical values. */
function expectSameWeights(a: tf.Tensor[], b: tf.Tensor[]): void {
  expect(a.map((w) => w.shape)).toEqual(b.map((w) => w.shape));
  a.forEach((w, i) => expect(maxAbsDiff(w, b[i])).toBe(0));
}

// ---- Strata models, built two ways so the Dense-only and the mixed-layer topologies are covered

function strataDense(): st.Sequential {
  return st.sequential({
    layers: [
      st.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
      st.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

function strataMixed(): st.Sequential {
  return st.sequential({
    layers: [
      st.layers.dense({ units: 8, activation: 'tanh', inputShape: [5] }),
      st.layers.dropout({ rate: 0.25 }),
      st.layers.reshape({ targetShape: [2, 4] }),
      st.layers.flatten(),
      st.layers.dense({ units: 3 }),
      st.layers.activation({ activation: 'softmax' }),
    ],
  });
}

function tflDense(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
      tfl.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

function tflMixed(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 8, activation: 'tanh', inputShape: [5] }),
      tfl.layers.dropout({ rate: 0.25 }),
      tfl.layers.reshape({ targetShape: [2, 4] }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 3 }),
      tfl.layers.activation({ activation: 'softmax' }),
    ],
  });
}

describe('Strata saves, tfjs-layers loads', () => {
  const cases: Array<[string, () => st.Sequential, string[]]> = [
    ['dense 5→8 relu→3 softmax', strataDense, ['Dense', 'Dense']],
    ['dense + dropout/reshape/flatten/activation', strataMixed, ['Dense', 'Dropout', 'Reshape', 'Flatten', 'Dense', 'Activation']],
  ];

  for (const [label, build, classNames] of cases) {
    it(`${label}: same layers, same weights, same predictions`, async () => {
      const model = build();
      fillWeights(model, 11);
      const dir = freshDir();
      await model.save(`file://${dir}`);

      const { json, artifacts } = readModelDir(dir);
      expect(json.format).toBe('layers-model');
      // Weight names are the Keras paths '<layer>/kernel', '<layer>/bias', in model order.
      const denseNames = model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => l.name);
      expect(artifacts.weightSpecs!.map((s) => s.name)).toEqual(denseNames.flatMap((n) => [`${n}/kernel`, `${n}/bias`]));

      const loaded = await tfl.loadLayersModel({ load: async () => artifacts });
      expect(loaded.layers.map((l) => l.getClassName())).toEqual(classNames);
      expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
      expect(loaded.inputs[0].shape).toEqual([null, 5]);

      const strataWeights = model.getWeights();
      const tflWeights = loaded.getWeights();
      expectSameWeights(tflWeights, strataWeights);

      const x = sampleBatch(3);
      const expected = model.predict(x);
      const actual = loaded.predict(x) as tf.Tensor;
      expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-6);

      tf.dispose([x, expected, actual, ...strataWeights]);
      model.dispose();
      loaded.dispose();
    });
  }

  it("tfjs-layers loads through Strata's file handler (st.fileSystem is a tf.io.IOHandler)", async () => {
    const model = strataDense();
    fillWeights(model, 21);
    const dir = freshDir();
    await model.save(st.fileSystem(dir));
    const loaded = await tfl.loadLayersModel(st.fileSystem(`file://${dir}/model.json`));
    const x = sampleBatch(4);
    const expected = model.predict(x);
    const actual = loaded.predict(x) as tf.Tensor;
    expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, expected, actual]);
    model.dispose();
    loaded.dispose();
  });
});

describe('tfjs-layers saves, Strata loads', () => {
  const cases: Array<[string, () => tfl.Sequential, string[]]> = [
    ['dense 5→8 relu→3 softmax', tflDense, ['Dense', 'Dense']],
    ['dense + dropout/reshape/flatten/activation', tflMixed, ['Dense', 'Dropout', 'Reshape', 'Flatten', 'Dense', 'Activation']],
  ];

  for (const [label, build, classNames] of cases) {
    it(`${label}: same layers, same weight order, same predictions`, async () => {
      const source = build();
      fillWeights(source, 31);
      const dir = freshDir();
      await source.save(savingTo((artifacts) => writeModelDir(dir, artifacts)));

      const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
      expect(loaded.layers.map((l) => l.getClassName())).toEqual(classNames);
      expect(loaded.layers.map((l) => l.name)).toEqual(source.layers.map((l) => l.name));
      expect(loaded.inputShapes).toEqual([[null, 5]]);
      // Same weight paths in the same order as tfjs-layers lists them.
      expect(loaded.weights.map((w) => w.name)).toEqual(source.weights.map((w) => w.originalName));

      const tflWeights = source.getWeights();
      const strataWeights = loaded.getWeights();
      expectSameWeights(strataWeights, tflWeights);

      const x = sampleBatch(5);
      const expected = source.predict(x) as tf.Tensor;
      const actual = loaded.predict(x);
      expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-6);

      tf.dispose([x, expected, actual, ...strataWeights]);
      source.dispose();
      loaded.dispose();
    });
  }

  it("Strata loads what tfjs-layers wrote through Strata's file handler", async () => {
    const source = tflDense();
    fillWeights(source, 41);
    const dir = freshDir();
    await source.save(st.fileSystem(`file://${dir}`));
    const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
    const x = sampleBatch(6);
    const expected = source.predict(x) as tf.Tensor;
    const actual = loaded.predict(x);
    expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, expected, actual]);
    source.dispose();
    loaded.dispose();
  });
});
