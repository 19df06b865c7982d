// fit / evaluate / predict over batch sources (async generators, iterables, functions, tfjs-style
// Datasets): the same numbers as over tensors, stepsPerEpoch continuing across epochs, the
// "ran out of data" stop, and no leaked tensors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

/** Dense(2 -> 1) with known weights: kernel [1, -1], bias 0.5. */
function knownModel(lr = 0): st.Sequential {
  const m = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [2] })] });
  const kernel = tf.tensor2d([[1], [-1]]);
  const bias = tf.tensor1d([0.5]);
  m.setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);
  m.compile({ optimizer: new st.SGD({ learningRate: lr }), loss: 'mse', metrics: ['mae'] });
  return m;
}

const rows = [[0, 1], [1, 0], [2, 2], [0.5, 0.1], [3, 1], [1, 2], [0, 0], [2, 1], [1, 1], [4, 0]];
const targets = [1, 0, 2, 0, 1, 3, 0.5, 1, 0, 2];

/** Batches of `size` rows as {xs, ys}, fresh tensors each time. */
function* batchesOf(size: number) {
  for (let i = 0; i < rows.length; i += size) {
    yield { xs: tf.tensor2d(rows.slice(i, i + size)), ys: tf.tensor2d(targets.slice(i, i + size), [Math.min(size, rows.length - i), 1]) };
  }
}

async function* asyncBatchesOf(size: number) {
  for (const b of batchesOf(size)) {
    await new Promise((r) => setTimeout(r, 0));
    yield b;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('evaluate over a batch source', () => {
  it('equals evaluate over tensors, and the hand-computed mse and mae', async () => {
    const m = knownModel();
    const x = tf.tensor2d(rows);
    const y = tf.tensor2d(targets, [10, 1]);
    // By hand: prediction = x0 - x1 + 0.5.
    const errors = rows.map((r, i) => r[0] - r[1] + 0.5 - targets[i]);
    const mse = errors.reduce((a, e) => a + e * e, 0) / errors.length;
    const mae = errors.reduce((a, e) => a + Math.abs(e), 0) / errors.length;
    const before = tf.memory().numTensors;
    const [tLoss, tMae] = m.evaluate(x, y, { batchSize: 4 }) as st.tf.Scalar[];
    const [sLoss, sMae] = (await m.evaluate(() => asyncBatchesOf(4))) as st.tf.Scalar[];
    const [dLoss, dMae] = (await m.evaluateDataset({ iterator: async () => batchesOf(3) })) as st.tf.Scalar[];
    expect(tLoss.dataSync()[0]).toBeCloseTo(mse, 5);
    expect(tMae.dataSync()[0]).toBeCloseTo(mae, 5);
    expect(sLoss.dataSync()[0]).toBeCloseTo(tLoss.dataSync()[0], 6);
    expect(sMae.dataSync()[0]).toBeCloseTo(tMae.dataSync()[0], 6);
    expect(dLoss.dataSync()[0]).toBeCloseTo(mse, 5);
    tf.dispose([tLoss, tMae, sLoss, sMae, dLoss, dMae]);
    expect(tf.memory().numTensors).toBe(before);
    // {batches} / steps limit the pass: the first 4 rows only.
    const first = (await m.evaluateDataset(batchesOf(4), { batches: 1 })) as st.tf.Scalar[];
    const firstLoss = first[0];
    expect(firstLoss.dataSync()[0]).toBeCloseTo(errors.slice(0, 4).reduce((a, e) => a + e * e, 0) / 4, 5);
    tf.dispose([...first, x, y]);
    m.dispose();
  });
});

describe('fit over a batch source', () => {
  it('trains like fit over the same tensors in the same batches', async () => {
    const a = knownModel(0.05);
    const b = knownModel(0.05);
    const x = tf.tensor2d(rows);
    const y = tf.tensor2d(targets, [10, 1]);
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
    const before = tf.memory().numTensors;
    const hb = await b.fit(() => batchesOf(4), { epochs: 3, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    hb.history.loss.forEach((v, i) => expect(v).toBeCloseTo(ha.history.loss[i], 5));
    const [wa] = a.getWeights();
    const [wb] = b.getWeights();
    Array.from(wb.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(wa.dataSync()[i], 5));
    tf.dispose([wa, wb, x, y]);
    a.dispose();
    b.dispose();
  });

  it('with stepsPerEpoch continues one stream across epochs and stops when it runs out', async () => {
    const m = knownModel(0.01);
    let pulled = 0;
    function* sevenBatches() {
      for (let i = 0; i < 7; i++) {
        pulled++;
        yield [tf.fill([2, 2], i), tf.fill([2, 1], i)] as [st.Tensor, st.Tensor];
      }
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const perEpoch: number[] = [];
    const history = await m.fit(sevenBatches(), {
      epochs: 5,
      stepsPerEpoch: 3,
      verbose: 0,
      callbacks: { onEpochBegin: () => void perEpoch.push(0), onBatchEnd: () => void perEpoch[perEpoch.length - 1]++ },
    });
    // 7 batches: 3 | 3 | 1, then the stream is empty -> warning and stop.
    expect(perEpoch).toEqual([3, 3, 1]);
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(pulled).toBe(7);
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/ran out during epoch 3 \(before stepsPerEpoch = 3 batches\); stopping/);
    m.dispose();
  });

  it('with stepsPerEpoch takes exactly steps × epochs batches from an endless generator', async () => {
    const m = knownModel(0.01);
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield { xs: tf.ones([2, 2]), ys: tf.ones([2, 1]) };
      }
    }
    const before = tf.memory().numTensors;
    await m.fit(endless(), { epochs: 3, stepsPerEpoch: 4, verbose: 0 });
    expect(pulled).toBe(12);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('a generator object is read once: after the first epoch, fit warns and stops', async () => {
    const m = knownModel(0.01);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history = await m.fit(batchesOf(5), { epochs: 3, verbose: 0 });
    expect(history.epoch).toEqual([0]);
    expect(String(warn.mock.calls[0][0])).toMatch(/ran out after epoch 1; stopping\. A generator object can be read once: pass a function/);
    m.dispose();
  });

  it('fitDataset takes tfjs names; validation over a source; the source owns no tensors afterwards', async () => {
    const m = knownModel(0.01);
    const dataset = { iterator: async () => batchesOf(2) };
    const before = tf.memory().numTensors;
    // tfjs semantics: with batchesPerEpoch the dataset's iterator continues across epochs (5 batches: 2 | 2).
    const history = await m.fitDataset(dataset, {
      epochs: 2,
      batchesPerEpoch: 2,
      verbose: 0,
      validationData: { iterator: async () => batchesOf(5) },
      validationBatches: 1,
    });
    expect(history.epoch).toEqual([0, 1]);
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
    expect(tf.memory().numTensors).toBe(before);
    await expect(m.fitDataset(dataset, { epochs: 1, stepsPerEpoch: 2 } as unknown as st.FitDatasetArgs)).rejects.toThrow(
      /fitDataset\(\): unknown option\(s\) 'stepsPerEpoch'/,
    );
    m.dispose();
  });

  it('applies classWeight per batch, as for tensors', async () => {
    const a = knownModel(0.05);
    const b = knownModel(0.05);
    const x = tf.tensor2d(rows);
    const labels = [0, 1, 1, 0, 1, 1, 0, 1, 0, 1];
    const y = tf.tensor2d(labels, [10, 1]);
    const classWeight = { 0: 0.5, 1: 2 };
    await a.fit(x, y, { epochs: 2, batchSize: 5, shuffle: false, verbose: 0, classWeight });
    function* labelled() {
      for (let i = 0; i < 10; i += 5) yield { xs: tf.tensor2d(rows.slice(i, i + 5)), ys: tf.tensor2d(labels.slice(i, i + 5), [5, 1]) };
    }
    await b.fit(labelled, { epochs: 2, verbose: 0, classWeight });
    const [wa] = a.getWeights();
    const [wb] = b.getWeights();
    Array.from(wb.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(wa.dataSync()[i], 5));
    tf.dispose([wa, wb, x, y]);
    a.dispose();
    b.dispose();
  });

  it('rejects tensor-only options, bad elements and reused (disposed) tensors with clear errors', async () => {
    const m = knownModel(0.01);
    await expect(m.fit(() => batchesOf(4), { batchSize: 4, verbose: 0 })).rejects.toThrow(/batchSize applies to tensor data only/);
    await expect(m.fit((() => [{ x: 1 }][Symbol.iterator]()) as unknown as st.BatchSource, { verbose: 0 })).rejects.toThrow(
      /expected each element to be \{xs, ys\} \(or \[xs, ys, sampleWeight\]\), found an object with keys x/,
    );
    const x = tf.ones([2, 2]);
    const y = tf.ones([2, 1]);
    function* same() {
      for (let i = 0; i < 3; i++) yield { xs: x, ys: y };
    }
    await expect(m.fit(same, { verbose: 0 })).rejects.toThrow(/a yielded tensor is already disposed\. The loop disposes each batch after using it/);
    const wrong = () => [{ xs: tf.ones([2, 3]), ys: tf.ones([2, 1]) }][Symbol.iterator]();
    const before = tf.memory().numTensors;
    await expect(m.fit(wrong, { verbose: 0 })).rejects.toThrow(/fit\(\): x of model '.*' expected shape \[null, 2\], found \[2, 3\]/);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('predict over a batch source', () => {
  it('equals predict over tensors', async () => {
    const m = knownModel();
    const x = tf.tensor2d(rows);
    const expected = m.predict(x) as st.Tensor;
    const before = tf.memory().numTensors;
    const fromTensors = (await m.predict(function* () {
      for (let i = 0; i < rows.length; i += 3) yield tf.tensor2d(rows.slice(i, i + 3));
    })) as st.Tensor;
    const fromRecords = (await m.predict(() => batchesOf(4))) as st.Tensor;
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(fromTensors.shape).toEqual([10, 1]);
    expect(Array.from(fromTensors.dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(Array.from(fromRecords.dataSync())).toEqual(Array.from(expected.dataSync()));
    // By hand for the first row [0, 1]: 0 - 1 + 0.5.
    expect(expected.dataSync()[0]).toBeCloseTo(-0.5, 6);
    tf.dispose([x, expected, fromTensors, fromRecords]);
    m.dispose();
  });
});
