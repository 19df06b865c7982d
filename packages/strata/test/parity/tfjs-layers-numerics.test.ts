// Numeric parity with tfjs-layers 4.22 in the same process (they share one tfjs-core; see the
// note on chained ops in tfjs-layers-files.test.ts): forward passes on identical weights, and
// one SGD step of trainOnBatch, which must move both models' weights the same way.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { tf } from 'strata';
import { maxAbsDiff, maxRelDiff, seededValues } from './model-files.js';


function strataModel(activation: 'softmax' | 'linear', withExtras = false): st.Sequential {
  const extras = withExtras ? [st.layers.dropout({ rate: 0.5 }), st.layers.reshape({ targetShape: [4, 2] }), st.layers.flatten()] : [];
  return st.sequential({
    layers: [
      st.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
      ...extras,
      st.layers.dense({ units: 3, activation }),
    ],
  });
}

function tflModel(activation: 'softmax' | 'linear', withExtras = false): tfl.Sequential {
  const extras = withExtras ? [tfl.layers.dropout({ rate: 0.5 }), tfl.layers.reshape({ targetShape: [4, 2] }), tfl.layers.flatten()] : [];
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
      ...extras,
      tfl.layers.dense({ units: 3, activation }),
    ],
  });
}

/** Deterministic weights for a model with Strata's weight shapes; biases non-zero on purpose. */
function seededWeights(model: st.Sequential, seed: number): tf.Tensor[] {
  return model.weights.map((w, i) => tf.tensor(seededValues(w.shape.reduce((a, b) => a * b, 1), seed + i), w.shape));
}

const x = () => tf.tensor2d(seededValues(6 * 5, 7), [6, 5]);
const oneHot = () => tf.oneHot(tf.tensor1d([0, 2, 1, 1, 0, 2], 'int32'), 3);

describe('forward parity on identical weights', () => {
  for (const withExtras of [false, true]) {
    const label = withExtras ? 'with dropout/reshape/flatten' : 'dense only';

    it(`Strata weights → tfjs-layers setWeights (${label})`, () => {
      const ours = strataModel('softmax', withExtras);
      const theirs = tflModel('softmax', withExtras);
      const values = seededWeights(ours, 100);
      ours.setWeights(values);
      const copies = ours.getWeights();
      theirs.setWeights(copies);
      const input = x();
      const a = ours.predict(input);
      const b = theirs.predict(input) as tf.Tensor;
      expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
      tf.dispose([...values, ...copies, input, a, b]);
      ours.dispose();
      theirs.dispose();
    });

    it(`tfjs-layers weights → Strata setWeights (${label})`, () => {
      const ours = strataModel('softmax', withExtras);
      const theirs = tflModel('softmax', withExtras);
      const values = seededWeights(ours, 200);
      theirs.setWeights(values);
      // tfjs-layers returns its live variables here: pass them on, never dispose them.
      ours.setWeights(theirs.getWeights());
      const input = x();
      const a = ours.predict(input);
      const b = theirs.predict(input) as tf.Tensor;
      expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
      tf.dispose([...values, input, a, b]);
      ours.dispose();
      theirs.dispose();
    });
  }
});

describe('one SGD training step: Strata and tfjs-layers move the weights alike', () => {
  const cases: Array<['meanSquaredError' | 'categoricalCrossentropy', 'softmax' | 'linear']> = [
    ['meanSquaredError', 'linear'],
    ['meanSquaredError', 'softmax'],
    ['categoricalCrossentropy', 'softmax'],
  ];

  for (const [loss, activation] of cases) {
    it(`${loss}, ${activation} output, sgd(0.1)`, async () => {
      const ours = strataModel(activation);
      const theirs = tflModel(activation);
      const values = seededWeights(ours, 300);
      ours.setWeights(values);
      theirs.setWeights(values);
      ours.compile({ optimizer: st.train.sgd(0.1), loss });
      theirs.compile({ optimizer: tf.train.sgd(0.1), loss });

      const input = x();
      const target = oneHot();
      const ourLoss = (await ours.trainOnBatch(input, target)) as number;
      const theirLoss = (await theirs.trainOnBatch(input, target)) as number;
      expect(Math.abs(ourLoss - theirLoss) / Math.abs(theirLoss)).toBeLessThanOrEqual(1e-5);

      const after = ours.getWeights();
      const theirAfter = theirs.getWeights();
      expect(after.map((w) => w.shape)).toEqual(theirAfter.map((w) => w.shape));
      after.forEach((w, i) => {
        const a = w.dataSync();
        const start = values[i].dataSync();
        const ourStep = Array.from(a, (v, j) => v - start[j]);
        const theirStep = Array.from(theirAfter[i].dataSync(), (v, j) => v - start[j]);
        const stepSize = Math.max(...theirStep.map(Math.abs));
        // The step must have moved every weight tensor, else the comparison proves nothing...
        expect(stepSize).toBeGreaterThan(1e-4);
        // ...the weights end where tfjs-layers' end...
        expect(maxRelDiff(a, theirAfter[i].dataSync())).toBeLessThanOrEqual(1e-4);
        // ...and the updates themselves agree to 1% of the step (float32 noise on ~1e-3 steps).
        const stepGap = Math.max(...ourStep.map((v, j) => Math.abs(v - theirStep[j])));
        expect(stepGap).toBeLessThanOrEqual(1e-2 * stepSize);
      });

      tf.dispose([...values, ...after, input, target]);
      ours.dispose();
      theirs.dispose();
    });
  }

  it('both match a hand-computed step (linear Dense, mse): W -= lr·2/(N·U)·Xᵀ(XW + b − Y)', async () => {
    const [n, d, u, lr] = [4, 3, 2, 0.1];
    const X = seededValues(n * d, 1);
    const W = seededValues(d * u, 2);
    const B = seededValues(u, 3);
    const Y = seededValues(n * u, 4);
    // Residual r = XW + b − Y, then dL/dW = 2/(N·U) Xᵀr and dL/db = 2/(N·U) Σ_rows r.
    const r: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < u; j++) {
        let s = B[j] - Y[i * u + j];
        for (let k = 0; k < d; k++) s += X[i * d + k] * W[k * u + j];
        r.push(s);
      }
    }
    const scale = (2 / (n * u)) * lr;
    const expectedW = W.map((w, idx) => {
      const [k, j] = [Math.floor(idx / u), idx % u];
      let g = 0;
      for (let i = 0; i < n; i++) g += X[i * d + k] * r[i * u + j];
      return w - scale * g;
    });
    const expectedB = B.map((b, j) => {
      let g = 0;
      for (let i = 0; i < n; i++) g += r[i * u + j];
      return b - scale * g;
    });
    const expectedLoss = r.reduce((s, v) => s + v * v, 0) / (n * u);

    const ours = st.sequential({ layers: [st.layers.dense({ units: u, inputShape: [d] })] });
    const theirs = tfl.sequential({ layers: [tfl.layers.dense({ units: u, inputShape: [d] })] });
    const init = [tf.tensor2d(W, [d, u]), tf.tensor1d(B)];
    ours.setWeights(init);
    theirs.setWeights(init);
    ours.compile({ optimizer: st.train.sgd(lr), loss: 'meanSquaredError' });
    theirs.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
    const xs = tf.tensor2d(X, [n, d]);
    const ys = tf.tensor2d(Y, [n, u]);
    const ourLoss = (await ours.trainOnBatch(xs, ys)) as number;
    const theirLoss = (await theirs.trainOnBatch(xs, ys)) as number;
    expect(ourLoss).toBeCloseTo(expectedLoss, 5);
    expect(theirLoss).toBeCloseTo(expectedLoss, 5);

    const ourW = ours.getWeights();
    const theirW = theirs.getWeights();
    expect(maxRelDiff(ourW[0].dataSync(), expectedW)).toBeLessThanOrEqual(1e-5);
    expect(maxRelDiff(ourW[1].dataSync(), expectedB)).toBeLessThanOrEqual(1e-5);
    expect(maxRelDiff(theirW[0].dataSync(), expectedW)).toBeLessThanOrEqual(1e-5);
    expect(maxRelDiff(theirW[1].dataSync(), expectedB)).toBeLessThanOrEqual(1e-5);

    tf.dispose([...init, ...ourW, xs, ys]);
    ours.dispose();
    theirs.dispose();
  });
});
