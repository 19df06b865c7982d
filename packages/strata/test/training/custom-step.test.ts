// Custom training: subclasses overriding trainStep / testStep (of Sequential and of Model),
// the gradient helpers, returned logs averaged per epoch, own metric trackers, and the
// *OnBatch methods.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { Mean } from '../../src/metrics/mean.js';
import type { Batch } from '../../src/training/data-adapter.js';

const tf = st.tf;

const x = () => tf.tensor2d([[0, 1], [1, 0], [1, 1], [2, 0], [0, 2]]);
const y = () => tf.tensor2d([[1], [2], [3], [4], [2]]);

function denseStack(): st.Layer[] {
  return [st.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'zeros' })];
}

/** Re-implements the default step with the public helpers; must train identically. */
class ManualSequential extends st.Sequential {
  override trainStep(batch: Batch) {
    const loss = this.minimize(() => this.computeLoss(batch.y, this.forwardAll(batch.x, true), batch.sampleWeight));
    return { loss };
  }
}

describe('custom trainStep', () => {
  it('a Sequential subclass written with minimize + computeLoss trains exactly like the default step', async () => {
    const plain = st.sequential({ layers: denseStack() });
    const manual = new ManualSequential({ layers: denseStack() });
    for (const m of [plain, manual]) m.compile({ optimizer: new st.SGD({ learningRate: 0.05 }), loss: 'mse' });
    const [xs, ys] = [x(), y()];
    const hp = await plain.fit(xs, ys, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0 });
    const before = tf.memory().numTensors;
    const hm = await manual.fit(xs, ys, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    hm.history.loss.forEach((v, i) => expect(v).toBeCloseTo(hp.history.loss[i], 5));
    const [a] = plain.getWeights();
    const [b] = manual.getWeights();
    Array.from(b.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(a.dataSync()[i], 6));
    tf.dispose([a, b, xs, ys]);
    plain.dispose();
    manual.dispose();
  });

  it('returned numbers are averaged over the epoch, weighted by batch size', async () => {
    class SizeLogger extends st.Sequential {
      override trainStep(batch: Batch) {
        return { size: batch.size, twice: tf.scalar(2 * batch.size) };
      }
    }
    const m = new SizeLogger({ layers: denseStack() });
    // No loss needed: the step is the model's own.
    m.compile({ optimizer: 'sgd' });
    const [xs, ys] = [x(), y()];
    // Batches 2, 2, 1: sum(s * s) / sum(s) = (4 + 4 + 1) / 5.
    const h = await m.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    expect(h.history.size[0]).toBeCloseTo(9 / 5, 6);
    expect(h.history.twice[0]).toBeCloseTo(18 / 5, 6);
    tf.dispose([xs, ys]);
    m.dispose();
  });

  it('a step that returns nothing reports the model metrics, including its own trackers', async () => {
    class Tracked extends st.Sequential {
      readonly seen = new Mean({ name: 'seen' });
      override get metrics() {
        return [...super.metrics, this.seen];
      }
      override trainStep(batch: Batch) {
        this.seen.update(tf.scalar(batch.size), 1);
      }
      override dispose() {
        this.seen.dispose();
        super.dispose();
      }
    }
    const m = new Tracked({ layers: denseStack() });
    m.compile({});
    const [xs, ys] = [x(), y()];
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0 });
    // Mean of batch sizes 2, 2, 1 (each weight 1), reset every epoch.
    expect(h.history.seen).toEqual([5 / 3, 5 / 3].map(Math.fround));
    tf.dispose([xs, ys]);
    m.dispose();
  });

  it('a direct Model subclass with tracked sub-layers, its own testStep, and fit(x) without targets', async () => {
    /** Learns to map x to 2x through a bottleneck; the "targets" are computed in the step. */
    class Doubler extends st.Model {
      static override readonly className = 'Doubler';
      readonly inner = this.track(st.layers.dense({ units: 2, name: 'doubler_inner', kernelInitializer: 'identity' }));
      get layers() {
        return [this.inner];
      }
      get inputShapes() {
        return [[null, 2]];
      }
      get outputNames() {
        return ['doubled'];
      }
      forward(inputs: st.Tensor[], training: boolean): st.Tensor {
        return this.inner.apply(inputs[0], { training }) as st.Tensor;
      }
      override trainStep(batch: Batch) {
        const [input] = batch.x;
        const loss = this.minimize(() => tf.mean(tf.square(tf.sub(this.forward([input], true), tf.mul(input, 2)))));
        return { loss };
      }
      override testStep(batch: Batch) {
        const [input] = batch.x;
        return { error: tf.mean(tf.abs(tf.sub(this.forward([input], false), tf.mul(input, 2)))) };
      }
    }
    const m = new Doubler();
    m.compile({ optimizer: new st.Adam({ learningRate: 0.05 }) });
    const xs = tf.randomUniform([64, 2], -1, 1, 'float32', 7);
    const h = await m.fit(xs, null, { epochs: 60, batchSize: 16, verbose: 0 });
    expect(h.history.loss.at(-1)!).toBeLessThan(h.history.loss[0] / 50);
    const [error] = [m.evaluate(xs) as st.tf.Scalar];
    expect(error.dataSync()[0]).toBeLessThan(0.05);
    expect(m.trainableWeights.map((w) => w.name)).toEqual(['doubler_inner/kernel', 'doubler_inner/bias']);
    tf.dispose([error, xs]);
    m.dispose();
  });

  it('computeGradients matches the gradient worked by hand', () => {
    const m = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const xs = tf.tensor2d([[1], [2]]);
    const ys = tf.tensor2d([[3], [3]]);
    // L = mean((w x + b - y)^2) at w = 1, b = 0: dL/dw = mean(2 (x - 3) x) = (-4 - 4) / 2 = -4; dL/db = (-4 - 2) / 2 = -3.
    const { loss, gradients } = m.computeGradients(() => m.computeLoss(ys, m.forwardAll([xs], true)));
    expect(loss.dataSync()[0]).toBeCloseTo((4 + 1) / 2, 6);
    expect(gradients.map((g) => g!.dataSync()[0])).toEqual([-4, -3]);
    m.applyGradients(gradients, { optimizer: new st.SGD({ learningRate: 0.5 }) });
    const [w, b] = m.getWeights();
    expect([w.dataSync()[0], b.dataSync()[0]]).toEqual([3, 1.5]);
    tf.dispose([loss, ...gradients.filter((g): g is st.Tensor => g !== null), w, b, xs, ys]);
    m.dispose();
  });

  it('a default model still needs a loss; a custom step is told clearly when it asks for one that is missing', async () => {
    const m = st.sequential({ layers: denseStack() });
    expect(() => m.compile({ optimizer: 'sgd' })).toThrow(/compile\(\) needs \{optimizer, loss\}/);
    const custom = new ManualSequential({ layers: denseStack() });
    custom.compile({ optimizer: 'sgd' });
    const [xs, ys] = [x(), y()];
    await expect(custom.fit(xs, ys, { verbose: 0 })).rejects.toThrow(/computeLoss\(\): model '.*' was compiled without a loss/);
    expect(() => custom.evaluate(xs, ys)).toThrow(/the default testStep\(\) computes the compiled loss, but compile\(\) was given none/);
    tf.dispose([xs, ys]);
    m.dispose();
    custom.dispose();
  });
});

describe('trainOnBatch / testOnBatch / predictOnBatch', () => {
  it('return the numbers of that one batch (hand-computed)', async () => {
    const m = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', useBias: false })] });
    m.compile({ optimizer: new st.SGD({ learningRate: 0.1 }), loss: 'mse', metrics: ['mae'] });
    const xs = tf.tensor2d([[1], [2]]);
    const ys = tf.tensor2d([[1], [3]]);
    // Predictions 0: mse (1 + 9) / 2 = 5, mae 2.
    expect(await m.testOnBatch(xs, ys)).toEqual([5, 2]);
    // With sample weights [1, 0]: mse 1 / 2 (sum over batch size), mae 1 / 1 (weighted mean).
    expect(await m.testOnBatch(xs, ys, [1, 0])).toEqual([0.5, 1]);
    const [loss] = (await m.trainOnBatch(xs, ys)) as number[];
    expect(loss).toBe(5);
    // w = 0 - 0.1 * mean(2 (0 - y) x) = 0.1 * (2 + 12) / 2 = 0.7; predictOnBatch gives 0.7 x.
    const out = m.predictOnBatch(xs) as st.Tensor;
    expect(Array.from(out.dataSync()).map((v) => Number(v.toFixed(5)))).toEqual([0.7, 1.4]);
    tf.dispose([out, xs, ys]);
    m.dispose();
  });
});
