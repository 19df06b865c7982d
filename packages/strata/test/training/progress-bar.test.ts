import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

/** A sink that records what the progress bar writes (a stand-in for a terminal or a pipe). */
function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => void chunks.push(s), chunks };
}

function tinyModel() {
  const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}

describe('ProgressBar', () => {
  it('prints one plain line per epoch when the output is not a TTY', async () => {
    const model = tinyModel();
    const out = sink(false);
    const x = tf.ones([10, 2]);
    const y = tf.ones([10, 1]);
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, callbacks: [new st.ProgressBar({ output: out })] });
    const text = out.chunks.join('');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Epoch 1\/3 - 3\/3 \d+s \d+ms\/step - loss: \d+\.\d{4}$/);
    expect(lines[2]).toMatch(/^Epoch 3\/3 /);
    expect(text).not.toContain('\r');
    tf.dispose([x, y]);
    model.dispose();
  });

  it('redraws a bar on a TTY, throttled, and ends each epoch with a full line', async () => {
    const model = tinyModel();
    const out = sink(true);
    const x = tf.ones([40, 2]);
    const y = tf.ones([40, 1]);
    // redrawMs 0: every batch redraws, so the intermediate lines can be checked.
    await model.fit(x, y, { epochs: 1, batchSize: 10, verbose: 0, callbacks: [new st.ProgressBar({ output: out, redrawMs: 0 })] });
    const text = out.chunks.join('');
    expect(text.startsWith('Epoch 1/1\n')).toBe(true);
    expect(text).toContain('\r1/4 ━━━━━');
    expect(text).toMatch(/ETA \d+s/);
    expect(text).toMatch(/\r4\/4 ━{20} \d+s \d+ms\/step - loss: [\d.e+-]+\x1b\[K\n$/);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('reads no batch numbers when throttled (no device reads between redraws)', async () => {
    const model = tinyModel();
    const out = sink(true);
    const x = tf.ones([40, 2]);
    const y = tf.ones([40, 1]);
    await model.fit(x, y, { epochs: 1, batchSize: 10, verbose: 0, callbacks: [new st.ProgressBar({ output: out, redrawMs: 1e9 })] });
    // Only the header and the final line: no intermediate redraws.
    expect(out.chunks).toHaveLength(2);
    tf.dispose([x, y]);
    model.dispose();
  });
});
