// Trains the same MLP (784-256-128-10, relu, softmax, Adam, batch 64) on the same MNIST data with
// Strata and with tfjs-layers 4.22, on the same backend in one process, and prints samples/s for
// both and their ratio. Usage: node bench/mlp-throughput.mjs [--backend cpu|wasm] [--epochs 3]
import * as st from 'strata';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist } from '@strata/datasets';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const backend = option('backend', 'wasm');
const epochs = Number(option('epochs', '3'));
const batchSize = 64;
const rounds = Number(option('rounds', '2'));

await st.useBackend(backend);
const tf = st.tf;
const data = loadMnist({ trainSize: 8000, testSize: 2000 });
const { xs, ys } = data.train;
const samples = xs.shape[0] * epochs;

function strataModel() {
  const model = st.sequential({
    layers: [
      st.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      st.layers.dense({ units: 128, activation: 'relu' }),
      st.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function tfjsLayersModel() {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      tfl.layers.dense({ units: 128, activation: 'relu' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A terminal stand-in: the progress bar redraws as on a TTY, output discarded. */
const ttySink = { isTTY: true, write: () => {} };

async function time(build, callbacks = []) {
  const model = build();
  // One warm-up epoch on a slice, so kernel setup is not timed.
  const warmX = tf.slice(xs, 0, 512);
  const warmY = tf.slice(ys, 0, 512);
  await model.fit(warmX, warmY, { epochs: 1, batchSize, verbose: 0 });
  tf.dispose([warmX, warmY]);
  const start = performance.now();
  await model.fit(xs, ys, { epochs, batchSize, verbose: 0, shuffle: true, callbacks });
  const seconds = (performance.now() - start) / 1000;
  model.dispose();
  return samples / seconds;
}

const results = { strata: [], strataWithBar: [], tfjsLayers: [] };
for (let r = 0; r < rounds; r++) {
  results.tfjsLayers.push(await time(tfjsLayersModel));
  results.strata.push(await time(strataModel));
  results.strataWithBar.push(await time(strataModel, [new st.ProgressBar({ output: ttySink })]));
}
const best = (list) => Math.max(...list);
const strata = best(results.strata);
const layers = best(results.tfjsLayers);
console.log(`backend: ${tf.getBackend()}  epochs: ${epochs}  batch: ${batchSize}  samples/epoch: ${xs.shape[0]}  rounds: ${rounds} (best of)`);
console.log(`strata       ${strata.toFixed(0).padStart(8)} samples/s`);
console.log(`tfjs-layers  ${layers.toFixed(0).padStart(8)} samples/s`);
console.log(`ratio (strata / tfjs-layers): ${(strata / layers).toFixed(2)}x`);
const withBar = best(results.strataWithBar);
console.log(`strata with a TTY progress bar: ${withBar.toFixed(0)} samples/s (${((withBar / strata - 1) * 100).toFixed(1)}% vs none)`);
tf.dispose([xs, ys, data.test.xs, data.test.ys]);
