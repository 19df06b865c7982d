// Parity with tfjs-layers 4.22 (same process, shared tfjs-core): BatchNormalization and
// LayerNormalization forward passes on identical weights, BatchNormalization's moving-statistics
// update, and weights/files passed both ways.
//
// Both follow Keras 3 here: the moving variance is updated with the biased batch variance (the
// one used for normalizing). Older Keras/TF 1 used the unbiased n/(n-1) estimate; neither does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { seeded } from './reference.js';

const { tf } = st;

/** Largest |a - b| / (1 + |b|). */
function maxRelDiff(a: st.Tensor, b: st.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  return worst;
}

const suffix = (name: string) => name.split('/').pop()!.replace(/_\d+$/, '');

type Case = { label: string; shape: number[]; axis: number };
// Only the last axis: for any other axis tfjs-layers reshapes the per-channel vectors to
// [1, C, 1, 1] and relies on tfjs-core's batchNorm to broadcast them, but the CPU backend's
// BatchNorm kernel cycles them over the flattened input instead (its output is wrong there).
// Strata's axis-1 case is checked against hand-computed values in batch-normalization.test.ts.
const CASES: Case[] = [
  { label: 'rank 2, axis -1', shape: [5, 3], axis: -1 },
  { label: 'rank 3, axis -1', shape: [2, 3, 4], axis: -1 },
  { label: 'rank 4, axis -1', shape: [2, 3, 3, 4], axis: -1 },
];

describe('BatchNormalization: Strata and tfjs-layers agree on identical weights', () => {
  for (const { label, shape, axis } of CASES) {
    it(`${label}: inference, training, and the moving statistics after one training call`, () => {
      const ours = st.layers.batchNormalization({ axis, momentum: 0.9, epsilon: 1e-3 });
      const theirs = tfl.layers.batchNormalization({ axis, momentum: 0.9, epsilon: 1e-3 });
      const x = tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), 17, 2, 0.5), shape);
      tf.dispose([ours.apply(x), theirs.apply(x) as st.Tensor]); // build both
      const channels = shape[axis < 0 ? shape.length + axis : axis];
      // Non-trivial gamma, beta and moving statistics, Strata's order (gamma, beta, mean, variance).
      const values = [
        tf.tensor1d(seeded(channels, 1, 0.5, 1)),
        tf.tensor1d(seeded(channels, 2, 0.3)),
        tf.tensor1d(seeded(channels, 3, 0.4)),
        tf.tensor1d(seeded(channels, 4, 0.5, 1)),
      ];
      ours.setWeights(values);
      // Strata's getWeights() goes straight into tfjs-layers: same names, same order.
      const copies = ours.getWeights();
      theirs.setWeights(copies);
      expect(ours.weights.map((w) => suffix(w.name))).toEqual(theirs.weights.map((w) => suffix(w.originalName)));
      expect(ours.weights.map((w) => suffix(w.name))).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
      expect(ours.weights.map((w) => w.trainable)).toEqual(theirs.weights.map((w) => w.trainable));

      for (const training of [false, true]) {
        const a = ours.apply(x, { training });
        const b = theirs.apply(x, { training }) as st.Tensor;
        expect(maxRelDiff(a, b), `training=${training}`).toBeLessThanOrEqual(1e-4);
        tf.dispose([a, b]);
      }
      // One training call each (above): the moving statistics moved alike.
      const oursAfter = ours.getWeights();
      const theirsAfter = theirs.getWeights(); // live variables: never dispose
      oursAfter.forEach((w, i) => expect(maxRelDiff(w, theirsAfter[i]), `weight ${i}`).toBeLessThanOrEqual(1e-5));
      // And back: tfjs-layers' weights into a fresh Strata layer give the same inference output.
      const back = st.layers.batchNormalization({ axis, momentum: 0.9 });
      tf.dispose(back.apply(x));
      back.setWeights(theirsAfter);
      const a = back.apply(x);
      const b = theirs.apply(x) as st.Tensor;
      expect(maxRelDiff(a, b)).toBeLessThanOrEqual(1e-4);
      tf.dispose([x, a, b, ...values, ...copies, ...oursAfter]);
      ours.dispose();
      back.dispose();
      theirs.dispose();
    });
  }
});

describe('LayerNormalization: Strata and tfjs-layers agree on identical weights', () => {
  const cases: Array<[string, number[], number | number[]]> = [
    ['rank 2, axis -1', [4, 5], -1],
    ['rank 3, axis -1', [2, 3, 4], -1],
    ['rank 3, axes [1, 2]', [2, 3, 4], [1, 2]],
  ];
  for (const [label, shape, axis] of cases) {
    it(label, () => {
      const ours = st.layers.layerNormalization({ axis });
      const theirs = tfl.layers.layerNormalization({ axis });
      const x = tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), 23, 3), shape);
      tf.dispose([ours.apply(x), theirs.apply(x) as st.Tensor]);
      const values = ours.weights.map((w, i) => tf.tensor(seeded(w.shape.reduce((a, b) => a * b, 1), 40 + i, 0.5, 1 - i), w.shape));
      ours.setWeights(values);
      theirs.setWeights(values);
      expect(ours.weights.map((w) => suffix(w.name))).toEqual(theirs.weights.map((w) => suffix(w.originalName)));
      const a = ours.apply(x);
      const b = theirs.apply(x) as st.Tensor;
      expect(maxRelDiff(a, b)).toBeLessThanOrEqual(1e-4);
      tf.dispose([x, a, b, ...values]);
      ours.dispose();
      theirs.dispose();
    });
  }
});

describe('model files with BatchNormalization, both ways', () => {
  const root = mkdtempSync(join(tmpdir(), 'strata-bn-parity-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const x = () => tf.tensor2d(seeded(6 * 4, 31, 2), [6, 4]);

  it('Strata saves (after training moved the statistics), tfjs-layers loads and predicts the same', async () => {
    const model = st.sequential({
      layers: [
        st.layers.dense({ units: 3, inputShape: [4] }),
        st.layers.batchNormalization({ momentum: 0.5 }),
        st.layers.layerNormalization(),
        st.layers.dense({ units: 2 }),
      ],
    });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const input = x();
    const target = tf.tensor2d(seeded(12, 5), [6, 2]);
    await model.fit(input, target, { epochs: 2, batchSize: 3, verbose: 0 });
    const dir = join(root, 'from-strata');
    await model.save(`file://${dir}`);
    const loaded = await tfl.loadLayersModel(st.fileSystem(`file://${dir}/model.json`));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Dense', 'BatchNormalization', 'LayerNormalization', 'Dense']);
    const expected = model.predict(input) as st.Tensor;
    const actual = loaded.predict(input) as st.Tensor;
    expect(maxRelDiff(actual, expected)).toBeLessThanOrEqual(1e-4);
    tf.dispose([input, target, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it('tfjs-layers saves, Strata loads with the same weight paths and predicts the same', async () => {
    const source = tfl.sequential({
      layers: [tfl.layers.dense({ units: 3, inputShape: [4] }), tfl.layers.batchNormalization({ axis: -1 }), tfl.layers.dense({ units: 2 })],
    });
    const weights = source.getWeights();
    const values = weights.map((w, i) => tf.tensor(seeded(w.size, 60 + i, 0.5, 1), w.shape)); // variances stay positive
    source.setWeights(values);
    const dir = join(root, 'from-tfjs');
    await source.save(st.fileSystem(`file://${dir}`));
    const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
    // Same weight paths. (tfjs-layers lists a model's trainable weights before its non-trainable
    // ones; Keras 3 and Strata list them layer by layer, so only the set is compared.)
    expect(loaded.weights.map((w) => w.name).sort()).toEqual(source.weights.map((w) => w.originalName).sort());
    const bn = loaded.layers[1];
    expect(bn.weights.map((w) => suffix(w.name))).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    const input = x();
    const expected = source.predict(input) as st.Tensor;
    const actual = loaded.predict(input) as st.Tensor;
    expect(maxRelDiff(actual, expected)).toBeLessThanOrEqual(1e-4);
    tf.dispose([input, expected, actual, ...values]);
    source.dispose();
    loaded.dispose();
  });
});
