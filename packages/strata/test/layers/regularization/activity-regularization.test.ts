import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

runLayerTest({
  name: 'activityRegularization l1 0.01, l2 0.02 (identity output)',
  make: () => st.layers.activityRegularization({ l1: 0.01, l2: 0.02 }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  expectedOutput: { input: [[1, -2, 3], [0, 0.5, -1]], output: [[1, -2, 3], [0, 0.5, -1]], training: true },
});

describe('ActivityRegularization', () => {
  it('adds l1·Σ|y| + l2·Σy² of its input to the training and evaluation loss', async () => {
    // Dense with a fixed kernel and zero bias feeds [x·W]; the target equals that output, so the
    // data loss is 0 and the whole loss is the activity penalty (Keras 3: not divided by batch).
    const W = [[1, -1], [2, 0.5]];
    const x = [[1, 2], [-1, 3]];
    const out = x.map((r) => [0, 1].map((j) => r[0] * W[0][j] + r[1] * W[1][j]));
    const l1 = 0.1;
    const l2 = 0.05;
    const penalty = l1 * out.flat().reduce((s, v) => s + Math.abs(v), 0) + l2 * out.flat().reduce((s, v) => s + v * v, 0);

    const dense = st.layers.dense({ units: 2, inputShape: [2], useBias: false });
    const model = st.sequential({ layers: [dense, st.layers.activityRegularization({ l1, l2 })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const kernel = tf.tensor2d(W);
    dense.setWeights([kernel]);
    const xs = tf.tensor2d(x);
    const ys = tf.tensor2d(out);
    const evaluated = model.evaluate(xs, ys) as st.Tensor;
    expect(evaluated.dataSync()[0]).toBeCloseTo(penalty, 4);
    const trained = (await model.trainOnBatch(xs, ys)) as number;
    expect(trained).toBeCloseTo(penalty, 4);
    // Prediction (no loss) is the plain Dense output.
    const p = model.predict(xs) as st.Tensor;
    Array.from(p.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(out.flat()[i], 5));
    tf.dispose([kernel, xs, ys, evaluated, p]);
    model.dispose();
  });

  it('its gradient pulls the activations towards zero: one SGD step on the penalty alone', async () => {
    // y = x·w (one unit, no bias). The target equals the prediction at w0, so the MSE term has
    // zero gradient there and only the penalty l2·Σ(x_i·w)² moves w: d/dw = 2·l2·Σx_i²·w.
    const l2 = 0.1;
    const xs = [1, 2, -1];
    const w0 = 0.5;
    const lr = 0.2;
    const dense = st.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: st.initializers.constant({ value: w0 }) });
    const model = st.sequential({ layers: [dense, st.layers.activityRegularization({ l2 })] });
    model.compile({ optimizer: new st.SGD({ learningRate: lr }), loss: 'mse' });
    const x = tf.tensor2d(xs, [3, 1]);
    const y = tf.tensor2d(xs.map((v) => v * w0), [3, 1]);
    await model.trainOnBatch(x, y);
    const sumSq = xs.reduce((s, v) => s + v * v, 0);
    const expected = w0 - lr * 2 * l2 * sumSq * w0;
    const [kernel] = dense.getWeights();
    expect(kernel.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([x, y, kernel]);
    model.dispose();
  });

  it('writes {l1, l2} (Keras 3 defaults 0) without the implied activityRegularizer, and reads it back', () => {
    const config = st.layers.activityRegularization({ l2: 0.3 }).getConfig();
    expect(config).toMatchObject({ l1: 0, l2: 0.3 });
    expect(config.activityRegularizer).toBeUndefined();
    const copy = st.deserialize<st.Layer>({ className: 'ActivityRegularization', config }, 'layer');
    expect(copy.activityRegularizer?.getConfig()).toEqual({ l1: 0, l2: 0.3 });
  });

  it('refuses negative factors, naming them', () => {
    expect(() => st.layers.activityRegularization({ l1: -1 })).toThrow(/'l1' must be a finite, non-negative number, found -1/);
    expect(() => st.layers.activityRegularization({ l2: Number.NaN })).toThrow(/'l2'/);
  });
});
