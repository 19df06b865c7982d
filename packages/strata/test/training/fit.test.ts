import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

class Recorder extends st.Callback {
  readonly events: string[] = [];
  override async onTrainBegin() {
    this.events.push('trainBegin');
  }
  override async onEpochBegin(epoch: number) {
    this.events.push(`epochBegin ${epoch}`);
  }
  override async onBatchEnd(batch: number, logs: st.BatchLogs) {
    this.events.push(`batchEnd ${batch} size ${logs.size}`);
  }
  override async onEpochEnd(epoch: number, logs: st.Logs) {
    this.events.push(`epochEnd ${epoch} ${Object.keys(logs).join(',')}`);
  }
  override async onTrainEnd() {
    this.events.push('trainEnd');
  }
}

/** y = 2x - 1 learned by a single linear unit. */
function linearProblem(n = 32) {
  const xs = Array.from({ length: n }, (_, i) => i / n);
  return { x: tf.tensor2d(xs, [n, 1]), y: tf.tensor2d(xs.map((v) => 2 * v - 1), [n, 1]) };
}

describe('fit', () => {
  it('calls the hooks in order with batch sizes that cover the data', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const { x, y } = linearProblem(10);
    const recorder = new Recorder();
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [recorder], validationSplit: 0.2 });
    // 10 samples, validationSplit 0.2 -> 8 train samples -> batches of 4 and 4.
    expect(recorder.events).toEqual([
      'trainBegin',
      'epochBegin 0',
      'batchEnd 0 size 4',
      'batchEnd 1 size 4',
      'epochEnd 0 loss,mae,val_loss,val_mae',
      'epochBegin 1',
      'batchEnd 0 size 4',
      'batchEnd 1 size 4',
      'epochEnd 1 loss,mae,val_loss,val_mae',
      'trainEnd',
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('reports the epoch loss as the sample-weighted mean of batch losses (Keras semantics)', async () => {
    // A frozen model (lr 0) with known weights: every batch loss is known in advance.
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    // Predictions are 0, so the per-sample loss is y^2. Batches: [1,1,1] and [3] (batchSize 3).
    const x = tf.zeros([4, 1]);
    const y = tf.tensor2d([1, 1, 1, 3], [4, 1]);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0, shuffle: false });
    // Weighted by samples: (1+1+1+9)/4 = 3; the mean of batch means would be (1+9)/2 = 5.
    expect(history.history.loss[0]).toBeCloseTo(3, 6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('takes validationSplit from the end of the data, before shuffling', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([5, 1]);
    const y = tf.tensor2d([0, 0, 0, 0, 2], [5, 1]);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, validationSplit: 0.2 });
    expect(history.history.loss[0]).toBeCloseTo(0, 6);
    expect(history.history.val_loss[0]).toBeCloseTo(4, 6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('learns a linear function and honours initialEpoch', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0.5 }), loss: 'mse' });
    const { x, y } = linearProblem();
    const history = await model.fit(x, y, { epochs: 60, initialEpoch: 10, batchSize: 8, verbose: 0 });
    expect(history.epoch[0]).toBe(10);
    expect(history.epoch).toHaveLength(50);
    const [kernel, bias] = model.getWeights();
    expect(kernel.dataSync()[0]).toBeCloseTo(2, 1);
    expect(bias.dataSync()[0]).toBeCloseTo(-1, 1);
    tf.dispose([kernel, bias, x, y]);
    model.dispose();
  });

  it('stops after the current batch when a callback sets stopTraining', async () => {
    class StopAfterFirstBatch extends st.Callback {
      override async onBatchEnd() {
        this.model!.stopTraining = true;
      }
    }
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const { x, y } = linearProblem(16);
    const recorder = new Recorder();
    const history = await model.fit(x, y, { epochs: 5, batchSize: 4, verbose: 0, callbacks: [new StopAfterFirstBatch(), recorder] });
    expect(history.epoch).toEqual([0]);
    expect(recorder.events.filter((e) => e.startsWith('batchEnd'))).toHaveLength(1);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('accepts nested number arrays as data', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = tf.memory().numTensors;
    const history = await model.fit([[0, 1], [1, 0], [1, 1]], [[1], [1], [2]], { epochs: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reads per-batch numbers only on request, and they are running means', async () => {
    const seen: number[] = [];
    class ReadLoss extends st.Callback {
      override async onBatchEnd(_batch: number, logs: st.BatchLogs) {
        seen.push(logs.read().loss);
      }
    }
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([3, 1]);
    const y = tf.tensor2d([1, 2, 3], [3, 1]);
    await model.fit(x, y, { epochs: 1, batchSize: 1, shuffle: false, verbose: 0, callbacks: [new ReadLoss()] });
    // Running means of 1, 4, 9.
    expect(seen[0]).toBeCloseTo(1, 6);
    expect(seen[1]).toBeCloseTo(2.5, 6);
    expect(seen[2]).toBeCloseTo(14 / 3, 5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('trainOnBatch returns the loss of that batch before the update, and metrics', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0.1 }), loss: 'mse', metrics: ['mae'] });
    const x = tf.tensor2d([1, 2], [2, 1]);
    const y = tf.tensor2d([1, 3], [2, 1]);
    const [loss, mae] = (await model.trainOnBatch(x, y)) as number[];
    expect(loss).toBeCloseTo((1 + 9) / 2, 6);
    expect(mae).toBeCloseTo((1 + 3) / 2, 6);
    // SGD step by hand: dL/dw = mean(2*(wx+b-y)*x) = (2*-1*1 + 2*-3*2)/2 = -7; w = 0 + 0.7.
    const [w, b] = model.getWeights();
    expect(w.dataSync()[0]).toBeCloseTo(0.7, 5);
    // dL/db = mean(2*(0-y)) = -4; b = 0.4.
    expect(b.dataSync()[0]).toBeCloseTo(0.4, 5);
    tf.dispose([w, b, x, y]);
    model.dispose();
  });

  it('accepts a tfjs-core optimizer (tf.train.sgd), as tfjs-layers does', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'mse' });
    const x = tf.tensor2d([1, 2], [2, 1]);
    const y = tf.tensor2d([1, 3], [2, 1]);
    await model.trainOnBatch(x, y);
    const [w] = model.getWeights();
    expect(w.dataSync()[0]).toBeCloseTo(0.7, 5);
    tf.dispose([w, x, y]);
    model.dispose();
  });
});
