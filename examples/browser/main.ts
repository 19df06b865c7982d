// Strata in a page: pick WebGPU if the browser has it, else wasm, else cpu; train a small
// regression model and report which backend ran and how the loss went. `?backend=NAME` forces one.
import * as st from 'strata';
import '@strata/backend-webgpu';

type Result = { backend: string; device: string; losses: number[]; tried: string[] };
declare global {
  interface Window { strataResult?: Result; strataError?: string }
}

const log = document.getElementById('log')!;
const say = (line: string) => (log.textContent = `${log.textContent === 'starting…' ? '' : log.textContent}${line}\n`);

async function pickBackend(tried: string[]): Promise<string> {
  const forced = new URLSearchParams(location.search).get('backend');
  for (const name of forced ? [forced] : ['webgpu', 'wasm', 'cpu']) {
    try {
      return await st.useBackend(name);
    } catch (err) {
      tried.push(`${name}: ${(err as Error).message}`);
      say(`${name} unavailable: ${(err as Error).message}`);
    }
  }
  throw new Error(`no backend could run: ${tried.join('; ')}`);
}

async function main(): Promise<void> {
  const tried: string[] = [];
  const backend = await pickBackend(tried);
  const listing = (await st.listBackends()).find((b) => b.name === backend);
  const device = listing?.available ? listing.device : '';
  say(`backend: ${backend} (${device})`);

  // y = 2·x0 − x1 + 0.5·x2 + noise-free bias 1: a small model must drive the loss down.
  const tf = st.tf;
  const n = 256;
  const xs = tf.randomUniform([n, 3], -1, 1, 'float32', 42);
  const ys = tf.tidy(() => tf.add(tf.matMul(xs, tf.tensor2d([[2], [-1], [0.5]])), 1));
  const model = st.sequential({
    layers: [st.layers.dense({ units: 16, activation: 'relu', inputShape: [3] }), st.layers.dense({ units: 1 })],
  });
  model.compile({ optimizer: new st.optimizers.Adam({ learningRate: 0.02 }), loss: 'meanSquaredError' });
  const history = await model.fit(xs, ys, { epochs: 30, batchSize: 32, verbose: 0 });
  const losses = history.history['loss'] ?? [];
  say(`loss: ${losses[0]?.toFixed(4)} → ${losses[losses.length - 1]?.toFixed(4)} over ${losses.length} epochs`);
  tf.dispose([xs, ys]);
  window.strataResult = { backend, device, losses, tried };
}

main().catch((err: unknown) => {
  window.strataError = String((err as Error)?.stack ?? err);
  say(`error: ${window.strataError}`);
});
