// A consumer's script, run by plain Node (not vitest) against the BUILT package: `strata`
// resolves through node_modules to packages/strata/dist. It uses only the public API and exits
// non-zero (with the reason on stderr) if anything a user relies on does not hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as st from 'strata';

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

// A linearly separable 2-class problem: label 1 when 2·x0 − x1 + 0.5 > 0, margin 0.2 around
// the boundary, from a seeded generator so every run sees the same data.
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed / 2147483648) * 4 - 2;
};
const xs = [];
const ys = [];
while (xs.length < 200) {
  const [a, b] = [random(), random()];
  const score = 2 * a - b + 0.5;
  if (Math.abs(score) < 0.2) continue;
  xs.push([a, b]);
  ys.push([score > 0 ? 1 : 0]);
}

const build = () =>
  st.sequential({
    layers: [
      st.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      st.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });

const model = build();
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
const history = await model.fit(xs, ys, { epochs: 100, batchSize: 20, verbose: 0 });
const losses = history.history.loss;
check(losses.length === 100, `fit: expected 100 epochs of loss in history, found ${losses.length}`);
check(losses.every(Number.isFinite), `fit: non-finite loss in ${losses}`);
check(losses.at(-1) < 0.7 * losses[0], `fit: loss did not fall enough: first ${losses[0]}, last ${losses.at(-1)}`);

const probs = Array.from(model.predict(xs).dataSync());
check(probs.length === xs.length, `predict: expected ${xs.length} outputs, found ${probs.length}`);
const accuracy = probs.filter((p, i) => (p > 0.5 ? 1 : 0) === ys[i][0]).length / xs.length;
check(accuracy >= 0.9, `predict: accuracy on a separable problem is only ${accuracy}`);

// getWeights / setWeights into a fresh model with the same architecture.
const twin = build();
const weights = model.getWeights();
check(
  JSON.stringify(weights.map((w) => w.shape)) === JSON.stringify([[2, 8], [8], [8, 1], [1]]),
  `getWeights: expected shapes [2,8],[8],[8,1],[1], found ${JSON.stringify(weights.map((w) => w.shape))}`,
);
twin.setWeights(weights);
const twinProbs = Array.from(twin.predict(xs).dataSync());
const twinGap = Math.max(...probs.map((p, i) => Math.abs(p - twinProbs[i])));
check(twinGap === 0, `setWeights: the twin model's predictions differ by ${twinGap}`);

// save / loadLayersModel through file://.
const dir = mkdtempSync(join(tmpdir(), 'strata-consumer-'));
try {
  await model.save(`file://${dir}`);
  const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
  const loadedProbs = Array.from(loaded.predict(xs).dataSync());
  const loadGap = Math.max(...probs.map((p, i) => Math.abs(p - loadedProbs[i])));
  check(loadGap <= 1e-6, `loadLayersModel: predictions differ from the saved model's by ${loadGap}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log(JSON.stringify({ ok: true, firstLoss: losses[0], lastLoss: losses.at(-1), accuracy }));
