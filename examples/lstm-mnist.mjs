// An LSTM that reads each MNIST digit as a sequence of 28 rows of 28 pixels, on the 8,000/2,000
// split of the real digits shipped by the `mnist` package (calibration: PyTorch's LSTM(128)
// reaches 95.6% on the same split).
//
//   node examples/lstm-mnist.mjs [--epochs 12] [--batch-size 64] [--units 128] [--lr 0.002]
//                                [--final-lr-factor 0.1] [--dropout 0.3] [--recurrent-dropout 0]
//                                [--backend auto]
//
// Needs the packages built (`npm run build`).
import * as st from 'strata';
import { loadMnist } from '@strata/datasets';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return typeof fallback === 'number' ? Number(value) : value;
}

const epochs = option('epochs', 12);
const batchSize = option('batch-size', 64);
const units = option('units', 128);
const learningRate = option('lr', 0.002);
const finalFactor = option('final-lr-factor', 0.1);
const dropout = option('dropout', 0.3);
const recurrentDropout = option('recurrent-dropout', 0);
const backend = option('backend', 'auto');

const { tf } = st;
console.log(`backend: ${await st.useBackend(backend)}`);

// [n, 28, 28, 1] channels-last images → [n, 28 timesteps, 28 features].
const data = loadMnist({ trainSize: 8000, testSize: 2000, flatten: false });
const asRows = (xs) => tf.reshape(xs, [xs.shape[0], 28, 28]);
const xTrain = asRows(data.train.xs);
const xTest = asRows(data.test.xs);

const model = st.sequential({
  name: 'lstm_mnist',
  layers: [
    st.layers.lstm({ units, recurrentDropout, inputShape: [28, 28] }),
    // 8,000 digits are few for 80k weights: dropout on the final state curbs overfitting.
    st.layers.dropout({ rate: dropout }),
    st.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
// The learning rate decays exponentially from `lr` to `lr · finalFactor` over the run, so the
// last epochs settle instead of bouncing between minima. Any object with `valueAt(step)` (a
// tensor in, a tensor out, computed on the device) and a config is a schedule.
const stepsPerEpoch = Math.ceil(8000 / batchSize);
const decay = {
  valueAt: (step) => tf.mul(learningRate, tf.pow(finalFactor, tf.div(tf.cast(step, 'float32'), epochs * stepsPerEpoch))),
  getClassName: () => 'ExampleExponentialDecay',
  getConfig: () => ({ learningRate, finalFactor, steps: epochs * stepsPerEpoch }),
};
model.compile({
  optimizer: new st.optimizers.Adam({ learningRate: decay }),
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
});
model.summary();

const start = performance.now();
await model.fit(xTrain, data.train.ys, {
  epochs,
  batchSize,
  shuffle: true,
  validationData: [xTest, data.test.ys],
  verbose: 1,
});
const seconds = (performance.now() - start) / 1000;

const [loss, accuracy] = model.evaluate(xTest, data.test.ys, { batchSize: 500 });
const testAccuracy = (await accuracy.data())[0];
const testLoss = (await loss.data())[0];
console.log(
  `held-out accuracy ${(100 * testAccuracy).toFixed(2)}% (loss ${testLoss.toFixed(4)}) after ${epochs} epochs, ` +
    `${seconds.toFixed(1)} s of training (${(seconds / epochs).toFixed(1)} s/epoch)`,
);
tf.dispose([loss, accuracy, xTrain, xTest, data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
model.dispose();
