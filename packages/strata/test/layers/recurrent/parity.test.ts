// Numeric parity with tfjs-layers 4.22 on identical weights (same process, shared tfjs-core):
// forward values, weight layout (getWeights -> setWeights both ways) and one SGD step.
// tfjs-layers' defaults differ from Keras 3 (hardSigmoid gates, glorotNormal kernels, GRU
// without resetAfter), so the tfjs layers are given matching settings explicitly.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import * as st from 'strata';
import { tf } from 'strata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { savingTo, writeModelDir } from '../../parity/model-files.js';
import { values } from './reference.js';
import { registerChainedOps } from './tfl-chained-ops.js';

// Both libraries on the cpu backend, chosen explicitly so that compile() keeps it.
beforeAll(async () => {
  registerChainedOps();
  await st.useBackend('cpu');
});

const REL = 1e-4;

/** Largest |a - b| / max(1, |b|) over all entries. */
function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return worst;
}

function seeded(shape: number[], seed: number, scale = 0.5): tf.Tensor {
  return tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed, scale), shape);
}

type Pair = { name: string; ours: () => st.Layer; theirs: () => tfl.layers.Layer; input: number[] };

const gates = { recurrentActivation: 'sigmoid' } as const;
const cases: Pair[] = [];
for (const returnSequences of [false, true]) {
  for (const goBackwards of [false, true]) {
    const opts = { returnSequences, goBackwards };
    const tag = `returnSequences=${returnSequences}, goBackwards=${goBackwards}`;
    cases.push(
      { name: `SimpleRNN ${tag}`, ours: () => st.layers.simpleRNN({ units: 3, ...opts }), theirs: () => tfl.layers.simpleRNN({ units: 3, ...opts }), input: [3, 4, 5] },
      { name: `LSTM ${tag}`, ours: () => st.layers.lstm({ units: 3, ...opts }), theirs: () => tfl.layers.lstm({ units: 3, ...gates, ...opts }), input: [3, 4, 5] },
      {
        name: `GRU (resetAfter false) ${tag}`,
        ours: () => st.layers.gru({ units: 3, resetAfter: false, ...opts }),
        theirs: () => tfl.layers.gru({ units: 3, ...gates, ...opts }),
        input: [3, 4, 5],
      },
    );
  }
}
cases.push(
  {
    name: 'Bidirectional(LSTM, returnSequences), concat',
    ours: () => st.layers.bidirectional({ layer: st.layers.lstm({ units: 2, returnSequences: true }) }),
    theirs: () => tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 2, returnSequences: true, ...gates }) as tfl.RNN }),
    input: [2, 4, 3],
  },
  {
    name: 'Bidirectional(GRU), ave',
    ours: () => st.layers.bidirectional({ layer: st.layers.gru({ units: 2, resetAfter: false }), mergeMode: 'ave' }),
    theirs: () => tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2, ...gates }) as tfl.RNN, mergeMode: 'ave' }),
    input: [2, 4, 3],
  },
  {
    name: 'TimeDistributed(Dense)',
    ours: () => st.layers.timeDistributed({ layer: st.layers.dense({ units: 3, activation: 'tanh' }) }),
    theirs: () => tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 3, activation: 'tanh' }) }),
    input: [2, 4, 5],
  },
  {
    name: 'ConvLSTM2D same padding, returnSequences',
    ours: () => st.layers.convLstm2d({ filters: 2, kernelSize: 2, padding: 'same', returnSequences: true }),
    theirs: () => tfl.layers.convLstm2d({ filters: 2, kernelSize: 2, padding: 'same', returnSequences: true, ...gates }),
    input: [2, 3, 4, 4, 1],
  },
  {
    name: 'ConvLSTM2D valid padding, strides 2',
    ours: () => st.layers.convLstm2d({ filters: 2, kernelSize: 3, strides: 2 }),
    theirs: () => tfl.layers.convLstm2d({ filters: 2, kernelSize: 3, strides: 2, ...gates }),
    input: [2, 3, 5, 5, 2],
  },
);

/** Builds both layers, gives them the same seeded weights (ours → theirs), returns both. */
function pairWithSameWeights(c: Pair, x: tf.Tensor) {
  const ours = c.ours();
  const theirs = c.theirs();
  tf.dispose([ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor]);
  expect(ours.weights.map((w) => w.shape)).toEqual(theirs.weights.map((w) => w.shape));
  const weights = ours.weights.map((w, i) => seeded(w.shape, 100 + i, 0.4));
  ours.setWeights(weights);
  const copies = ours.getWeights();
  theirs.setWeights(copies);
  tf.dispose([...weights, ...copies]);
  return { ours, theirs };
}

describe('forward parity with tfjs-layers 4.22 on identical weights', () => {
  for (const c of cases) {
    it(c.name, () => {
      const x = seeded(c.input, 7, 1);
      const { ours, theirs } = pairWithSameWeights(c, x);
      const a = ours.apply(x) as tf.Tensor;
      const b = theirs.apply(x) as tf.Tensor;
      expect(maxRelDiff(a, b)).toBeLessThanOrEqual(REL);
      tf.dispose([x, a, b]);
      ours.dispose();
      theirs.dispose();
    });
  }

  it('weight names match tfjs-layers for LSTM and Bidirectional', () => {
    const x = seeded([2, 3, 4], 3);
    const lstm = st.layers.lstm({ units: 2, name: 'seq_lstm' });
    const tLstm = tfl.layers.lstm({ units: 2, name: 'seq_lstm' });
    const bi = st.layers.bidirectional({ layer: st.layers.gru({ units: 2, name: 'g', resetAfter: false }), name: 'bi' });
    const tBi = tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2, name: 'g' }) as tfl.RNN, name: 'bi' });
    tf.dispose([lstm.apply(x) as tf.Tensor, tLstm.apply(x) as tf.Tensor, bi.apply(x) as tf.Tensor, tBi.apply(x) as tf.Tensor]);
    expect(lstm.weights.map((w) => w.name)).toEqual(tLstm.weights.map((w) => w.name));
    expect(bi.weights.map((w) => w.name)).toEqual(tBi.weights.map((w) => w.name));
    tf.dispose(x);
    for (const l of [lstm, tLstm, bi, tBi]) l.dispose();
  });
});

describe('weights move between Strata and tfjs-layers', () => {
  it('an LSTM: Strata getWeights → tfjs setWeights → tfjs getWeights → Strata setWeights, values unchanged', () => {
    const x = seeded([2, 5, 3], 9, 1);
    const ours = st.layers.lstm({ units: 4 });
    const theirs = tfl.layers.lstm({ units: 4, ...gates });
    tf.dispose([ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor]);
    const before = ours.getWeights();
    theirs.setWeights(before);
    const back = theirs.getWeights(); // tfjs-layers returns its variables themselves: not disposed here
    const fresh = st.layers.lstm({ units: 4 });
    tf.dispose(fresh.apply(x) as tf.Tensor);
    fresh.setWeights(back);
    const after = fresh.getWeights();
    before.forEach((w, i) => expect(Array.from(after[i].dataSync())).toEqual(Array.from(w.dataSync())));
    const y1 = ours.apply(x) as tf.Tensor;
    const y2 = fresh.apply(x) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    tf.dispose([x, y1, y2, ...before, ...after]);
    for (const l of [ours, theirs, fresh]) l.dispose();
  });
});

describe('one SGD step agrees with tfjs-layers', () => {
  const models: Array<[string, () => st.Sequential, () => tfl.Sequential]> = [
    [
      'LSTM(returnSequences) → LSTM → Dense',
      () => st.sequential({ layers: [st.layers.lstm({ units: 3, returnSequences: true, inputShape: [4, 2] }), st.layers.lstm({ units: 3 }), st.layers.dense({ units: 2 })] }),
      () => tfl.sequential({ layers: [tfl.layers.lstm({ units: 3, returnSequences: true, inputShape: [4, 2], ...gates }), tfl.layers.lstm({ units: 3, ...gates }), tfl.layers.dense({ units: 2 })] }),
    ],
    [
      'Bidirectional(GRU, goBackwards source) → Dense',
      () => st.sequential({ layers: [st.layers.bidirectional({ layer: st.layers.gru({ units: 3, resetAfter: false }), inputShape: [4, 2] }), st.layers.dense({ units: 2 })] }),
      () => tfl.sequential({ layers: [tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 3, ...gates }) as tfl.RNN, inputShape: [4, 2] }), tfl.layers.dense({ units: 2 })] }),
    ],
    [
      'SimpleRNN(goBackwards, returnSequences) → TimeDistributed(Dense) → Flatten → Dense',
      () => st.sequential({ layers: [st.layers.simpleRNN({ units: 3, goBackwards: true, returnSequences: true, inputShape: [4, 2] }), st.layers.timeDistributed({ layer: st.layers.dense({ units: 2 }) }), st.layers.flatten(), st.layers.dense({ units: 2 })] }),
      () => tfl.sequential({ layers: [tfl.layers.simpleRNN({ units: 3, goBackwards: true, returnSequences: true, inputShape: [4, 2] }), tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }), tfl.layers.flatten(), tfl.layers.dense({ units: 2 })] }),
    ],
  ];
  for (const [name, makeOurs, makeTheirs] of models) {
    it(name, async () => {
      const ours = makeOurs();
      const theirs = makeTheirs();
      const weights = ours.weights.map((w, i) => seeded(w.shape, 200 + i, 0.4));
      ours.setWeights(weights);
      theirs.setWeights(weights);
      ours.compile({ optimizer: new st.SGD({ learningRate: 0.1 }), loss: 'meanSquaredError' });
      theirs.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const x = seeded([5, 4, 2], 17, 1);
      const y = seeded([5, 2], 18, 1);
      const lossOurs = (await ours.trainOnBatch(x, y)) as number;
      const lossTheirs = (await theirs.trainOnBatch(x, y)) as number;
      expect(Math.abs(lossOurs - lossTheirs) / Math.max(1, Math.abs(lossTheirs))).toBeLessThanOrEqual(REL);
      const a = ours.getWeights();
      const b = theirs.getWeights(); // tfjs-layers' own variables: not disposed here
      a.forEach((w, i) => expect(maxRelDiff(w, b[i])).toBeLessThanOrEqual(REL));
      // The step really moved the weights (the comparison is not of two unchanged copies).
      expect(maxRelDiff(a[0], weights[0])).toBeGreaterThan(1e-4);
      tf.dispose([x, y, ...weights, ...a]);
      ours.dispose();
      theirs.dispose();
    });
  }
});

describe('model files move between Strata and tfjs-layers', () => {
  // One model with every recurrent wrapper whose weights tfjs-layers names by scope.
  const ours = () =>
    st.sequential({
      layers: [
        st.layers.lstm({ units: 3, returnSequences: true, inputShape: [4, 2], name: 'enc' }),
        st.layers.bidirectional({ layer: st.layers.gru({ units: 2, resetAfter: false, returnSequences: true, name: 'g' }), name: 'bi' }),
        st.layers.timeDistributed({ layer: st.layers.dense({ units: 2 }), name: 'td' }),
        st.layers.simpleRNN({ units: 2, goBackwards: true, name: 'last' }),
      ],
    });
  const theirs = () =>
    tfl.sequential({
      layers: [
        tfl.layers.lstm({ units: 3, returnSequences: true, inputShape: [4, 2], name: 'enc', ...gates }),
        tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2, returnSequences: true, name: 'g', ...gates }) as tfl.RNN, name: 'bi' }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }), name: 'td' }),
        tfl.layers.simpleRNN({ units: 2, goBackwards: true, name: 'last' }),
      ],
    });

  it('a tfjs-layers model file loads in Strata with the same weights and predictions', async () => {
    const source = theirs();
    const x = seeded([3, 4, 2], 51, 1);
    const dir = mkdtempSync(join(tmpdir(), 'strata-rnn-'));
    try {
      await source.save(savingTo((artifacts) => writeModelDir(dir, artifacts)));
      const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
      expect(loaded.weights.map((w) => w.name)).toEqual(source.weights.map((w) => w.originalName));
      const a = loaded.predict(x) as tf.Tensor;
      const b = source.predict(x) as tf.Tensor;
      expect(maxRelDiff(a, b)).toBeLessThanOrEqual(REL);
      tf.dispose([a, b]);
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      x.dispose();
      source.dispose();
    }
  });

  it('a Strata model file loads in tfjs-layers with the same predictions', async () => {
    const source = ours();
    const x = seeded([3, 4, 2], 52, 1);
    const dir = mkdtempSync(join(tmpdir(), 'strata-rnn-'));
    try {
      await source.save(`file://${dir}`);
      const loaded = await tfl.loadLayersModel(st.fileSystem(`file://${dir}/model.json`));
      expect(loaded.weights.map((w) => w.originalName)).toEqual(source.weights.map((w) => w.name));
      const a = source.predict(x) as tf.Tensor;
      const b = loaded.predict(x) as tf.Tensor;
      expect(maxRelDiff(a, b)).toBeLessThanOrEqual(REL);
      tf.dispose([a, b]);
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      x.dispose();
      source.dispose();
    }
  });
});
