// fit's remaining options, with expectations worked by hand: classWeight (equal to the sample
// weights it stands for), sampleWeight checks, validationFreq, validationSteps, stepsPerEpoch on
// tensors, unknown options, and no leaked tensors.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

/** Dense(1), fixed initial kernel/bias so two copies train identically. */
function model(lr = 0.1): st.Sequential {
  const m = st.sequential({
    layers: [st.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'zeros' })],
  });
  m.compile({ optimizer: new st.SGD({ learningRate: lr }), loss: 'mse' });
  return m;
}

const weightsOf = (m: st.Model) => {
  const w = m.getWeights();
  const out = w.map((t) => Array.from(t.dataSync()));
  tf.dispose(w);
  return out;
};

describe('fit: classWeight', () => {
  it('weights each sample by its class, exactly like the equivalent sampleWeight', async () => {
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.3, 0.9], [0.7, 0.1]]);
    const labels = [0, 1, 1, 0, 2, 1];
    const y = tf.tensor2d(labels, [6, 1]);
    const classWeight = { 0: 1, 1: 3, 2: 0.5 };
    // The sample weights worked out by hand from the labels.
    const sampleWeight = tf.tensor1d(labels.map((c) => classWeight[c as 0 | 1 | 2]));
    const a = model();
    const b = model();
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0, classWeight });
    const hb = await b.fit(x, y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0, sampleWeight });
    expect(ha.history.loss).toEqual(hb.history.loss);
    expect(weightsOf(a)).toEqual(weightsOf(b));
    tf.dispose([x, y, sampleWeight]);
    a.dispose();
    b.dispose();
  });

  it('gives the hand-computed weighted loss, using argmax for one-hot targets and 1 for missing classes', async () => {
    // A frozen model predicting 0 for 3 outputs; loss mse per sample = mean(y^2) over 3 = 1/3 for one-hot rows.
    const m = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [1], kernelInitializer: 'zeros', useBias: false })] });
    m.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([4, 1]);
    const y = tf.tensor2d([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]);
    // Classes 0, 2, 1, 2; weights 1 (missing), 5, 2, 5 -> mean of w_i / 3 = (1 + 5 + 2 + 5) / 4 / 3.
    const history = await m.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, classWeight: { 1: 2, 2: 5 } });
    expect(history.history.loss[0]).toBeCloseTo(13 / 12, 6);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('rejects bad records, and classWeight together with sampleWeight', async () => {
    const m = model();
    const x = tf.zeros([2, 2]);
    const y = tf.zeros([2, 1]);
    await expect(m.fit(x, y, { verbose: 0, classWeight: { a: 1 } as unknown as st.ClassWeight })).rejects.toThrow(/classWeight keys must be class indices \(0, 1, 2, \.\.\.\), found 'a'/);
    await expect(m.fit(x, y, { verbose: 0, classWeight: { 0: -1 } })).rejects.toThrow(/classWeight\[0\] must be a finite number >= 0, found -1/);
    await expect(m.fit(x, y, { verbose: 0, classWeight: { 0: 1 }, sampleWeight: [1, 1] })).rejects.toThrow(/give sampleWeight or classWeight, not both/);
    tf.dispose([x, y]);
    m.dispose();
  });
});

describe('fit: sampleWeight', () => {
  it('weights the loss per sample (hand-computed) and accepts a plain array', async () => {
    const m = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', useBias: false })] });
    m.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([3, 1]);
    const y = tf.tensor2d([1, 2, 3], [3, 1]);
    // Losses 1, 4, 9 weighted 2, 0, 1 -> (2 + 0 + 9) / 3.
    const history = await m.fit(x, y, { epochs: 1, verbose: 0, sampleWeight: [2, 0, 1] });
    expect(history.history.loss[0]).toBeCloseTo(11 / 3, 6);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('of the wrong length names both lengths, and leaks nothing', async () => {
    const m = model();
    const x = tf.zeros([10, 2]);
    const y = tf.zeros([10, 1]);
    const sw = tf.ones([8]);
    const before = tf.memory().numTensors;
    await expect(m.fit(x, y, { verbose: 0, sampleWeight: sw })).rejects.toThrow(/fit\(\): x has 10 samples but sampleWeight has 8 \(shape \[8\]\)/);
    await expect(m.fit(x, y, { verbose: 0, sampleWeight: [1, 2, 3] })).rejects.toThrow(/x has 10 samples but sampleWeight has 3/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, sw]);
    m.dispose();
  });
});

describe('fit: validationFreq, validationSteps, stepsPerEpoch', () => {
  it('validates every n epochs, or after the listed epochs (1-based)', async () => {
    const m = model();
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    const keys: string[][] = [];
    const spy = { onEpochEnd: (_e: number, logs?: st.Logs) => void keys.push(Object.keys(logs!)) };
    const h = await m.fit(x, y, { epochs: 5, verbose: 0, validationData: [x, y], validationFreq: 2, callbacks: spy });
    expect(keys.map((k) => k.includes('val_loss'))).toEqual([false, true, false, true, false]);
    expect(h.history.val_loss).toHaveLength(2);
    keys.length = 0;
    await m.fit(x, y, { epochs: 5, verbose: 0, validationData: [x, y], validationFreq: [1, 5], callbacks: spy });
    expect(keys.map((k) => k.includes('val_loss'))).toEqual([true, false, false, false, true]);
    await expect(m.fit(x, y, { verbose: 0, validationFreq: 0 })).rejects.toThrow(/validationFreq must be a positive integer or a list of 1-based epoch numbers, found 0/);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('validationSteps evaluates only the first batches of the validation data', async () => {
    const m = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', useBias: false })] });
    m.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([4, 1]);
    const y = tf.zeros([4, 1]);
    const vx = tf.zeros([4, 1]);
    const vy = tf.tensor2d([1, 1, 3, 3], [4, 1]);
    // Batches of 2: first batch [1, 1] -> loss 1; both batches -> (1 + 1 + 9 + 9) / 4 = 5.
    const one = await m.fit(x, y, { verbose: 0, validationData: [vx, vy], validationBatchSize: 2, validationSteps: 1 });
    const all = await m.fit(x, y, { verbose: 0, validationData: [vx, vy], validationBatchSize: 2 });
    expect(one.history.val_loss[0]).toBeCloseTo(1, 6);
    expect(all.history.val_loss[0]).toBeCloseTo(5, 6);
    tf.dispose([x, y, vx, vy]);
    m.dispose();
  });

  it('stepsPerEpoch on tensors draws exactly that many batches per epoch, across passes', async () => {
    const m = model();
    const x = tf.ones([10, 2]);
    const y = tf.ones([10, 1]);
    const sizes: number[][] = [];
    const spy = {
      onEpochBegin: () => void sizes.push([]),
      onBatchEnd: (_b: number, logs?: st.Logs) => void sizes.at(-1)!.push(logs!.size),
    };
    // 10 samples in batches of 4: a pass is 4, 4, 2; three epochs of 2 steps run 4,4 | 2,4 | 4,2.
    await m.fit(x, y, { epochs: 3, batchSize: 4, stepsPerEpoch: 2, shuffle: false, verbose: 0, callbacks: spy });
    expect(sizes).toEqual([[4, 4], [2, 4], [4, 2]]);
    tf.dispose([x, y]);
    m.dispose();
  });
});

describe('fit: argument checks and memory', () => {
  it('names unknown options and lists the known ones', async () => {
    const m = model();
    const x = tf.zeros([2, 2]);
    const y = tf.zeros([2, 1]);
    await expect(m.fit(x, y, { epoch: 3 } as unknown as st.FitArgs)).rejects.toThrow(/fit\(\): unknown option\(s\) 'epoch'\. Known options: epochs, batchSize/);
    await expect(m.fit(x, y, { verbose: 0, stepsPerEpoch: 1.5 })).rejects.toThrow(/stepsPerEpoch must be a positive integer, found 1\.5/);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('leaves the tensor count unchanged with classWeight, validation and callbacks', async () => {
    const m = model();
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0], [1, 1]]);
    const y = tf.tensor2d([0, 1, 1, 0, 1], [5, 1]);
    const before = tf.memory().numTensors;
    await m.fit(x, y, {
      epochs: 3,
      batchSize: 2,
      verbose: 0,
      classWeight: { 0: 2 },
      validationSplit: 0.4,
      callbacks: [st.callbacks.earlyStopping({ monitor: 'val_loss', restoreBestWeights: true }), st.callbacks.terminateOnNaN()],
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('reads from the device once per epoch, however many batches (DESIGN §6 hot path)', async () => {
    // Host reads are Tensor.data / dataSync (the cpu backend's kernels read their inputs internally; those are not transfers).
    const proto = tf.Tensor.prototype as unknown as Record<'data' | 'dataSync', (...a: unknown[]) => unknown>;
    const countReads = async (samples: number, source: boolean) => {
      const m = model();
      const x = tf.ones([samples, 2]);
      const y = tf.ones([samples, 1]);
      let reads = 0;
      const { data, dataSync } = proto;
      proto.data = function (this: unknown, ...a: unknown[]) {
        reads++;
        return data.apply(this, a);
      };
      proto.dataSync = function (this: unknown, ...a: unknown[]) {
        reads++;
        return dataSync.apply(this, a);
      };
      try {
        // A hook that never touches its logs, a class weight, validation: still no per-batch reads.
        const callbacks = { onBatchEnd: () => {} };
        if (source) {
          const batches = function* () {
            for (let i = 0; i < samples; i += 2) yield { xs: tf.ones([2, 2]), ys: tf.ones([2, 1]) };
          };
          await m.fit(batches, { epochs: 2, verbose: 0, callbacks, classWeight: { 1: 2 }, validationData: [x, y] });
        } else {
          await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks, classWeight: { 1: 2 }, validationData: [x, y] });
        }
      } finally {
        proto.data = data;
        proto.dataSync = dataSync;
      }
      tf.dispose([x, y]);
      m.dispose();
      return reads;
    };
    for (const source of [false, true]) {
      const few = await countReads(4, source);
      const many = await countReads(32, source);
      expect(many).toBe(few);
      // One read for the epoch's numbers and one for validation, per epoch.
      expect(few).toBeLessThanOrEqual(4);
    }
  });
});
