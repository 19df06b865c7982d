import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

function tiny(): st.Sequential {
  return st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
}

describe('engine edge cases', () => {
  it('compiling again with the same optimizer and metric instances keeps them usable', async () => {
    const model = tiny();
    const optimizer = new st.SGD({ learningRate: 0.1 });
    const mae = new st.metrics.MeanAbsoluteError();
    model.compile({ optimizer, loss: 'mse', metrics: [mae] });
    model.compile({ optimizer, loss: 'mse', metrics: [mae] });
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    // Prediction 0, target 1: mse 1 and mae 1 before the step.
    const [loss, metric] = (await model.trainOnBatch(x, y)) as number[];
    expect(loss).toBeCloseTo(1, 6);
    expect(metric).toBeCloseTo(1, 6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('one metric instance for several outputs is refused; a record naming no output is refused', () => {
    const x = st.input({ shape: [1] });
    const p = st.layers.dense({ units: 1, name: 'p' }).apply(x) as st.SymbolicTensor;
    const q = st.layers.dense({ units: 1, name: 'q' }).apply(x) as st.SymbolicTensor;
    const model = st.model({ inputs: x, outputs: [p, q] });
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [new st.metrics.MeanAbsoluteError()] })).toThrow(/given for several outputs/);
    const single = tiny();
    expect(() => single.compile({ optimizer: 'sgd', loss: 'mse', metrics: { dense_typo: ['mae'] } })).toThrow(/unknown output\(s\) dense_typo/);
    model.dispose();
    single.dispose();
  });

  it('predict on zero samples returns an empty batch', () => {
    const model = tiny();
    const before = tf.memory().numTensors;
    const y = model.predict(tf.zeros([0, 2])) as st.Tensor;
    expect(y.shape).toEqual([0, 1]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // the zeros input, not disposed here
    model.dispose();
  });

  it('setWeights with another dtype casts without leaking', () => {
    const model = tiny();
    const values = [tf.tensor2d([[1], [2]], [2, 1], 'int32'), tf.tensor1d([3], 'int32')];
    const before = tf.memory().numTensors;
    model.setWeights(values);
    expect(tf.memory().numTensors).toBe(before);
    const out = model.predict(tf.tensor2d([[1, 1]])) as st.Tensor;
    expect(out.dataSync()[0]).toBe(6); // 1*1 + 1*2 + 3
    tf.dispose([...values, out]);
    model.dispose();
  });

  it('a frozen layer adds no regularization penalty (Keras 3)', () => {
    const layer = st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', kernelRegularizer: st.regularizers.l2({ l2: 0.5 }) });
    const model = st.sequential({ layers: [layer] });
    expect(model.regularizationLosses()).toHaveLength(1);
    layer.trainable = false;
    expect(model.regularizationLosses()).toHaveLength(0);
    model.dispose();
  });

  it('a throwing onBatchBegin frees the batch it was about to train on', async () => {
    const model = tiny();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    const before = tf.memory().numTensors;
    const boom = { onBatchBegin: async () => { throw new Error('boom'); } };
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [boom] as unknown as st.Callback[] })).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });
});
