// Live tensor counts around the public model API (DESIGN §6): what a call creates and does not
// hand back must be freed, and what it hands back is the caller's to dispose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { tf } from 'strata';

const root = mkdtempSync(join(tmpdir(), 'strata-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const live = () => tf.memory().numTensors;

function compiledModel(): st.Sequential {
  const model = st.sequential({
    layers: [
      st.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }),
      st.layers.dropout({ rate: 0.2 }),
      st.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('no tensor leaks through the model API', () => {
  let model: st.Sequential;
  let x: st.Tensor;
  let y: st.Tensor;

  beforeEach(() => {
    model = compiledModel();
    x = tf.randomNormal([40, 4]);
    y = tf.oneHot(tf.tensor1d(Array.from({ length: 40 }, (_, i) => i % 3), 'int32'), 3);
    return () => {
      tf.dispose([x, y]);
      model.dispose();
    };
  });

  it('fit (3 epochs, right after compile) leaves the count unchanged', async () => {
    const before = live();
    const history = await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
    expect(history.history.loss).toHaveLength(3);
    expect(live()).toBe(before);
  });

  it('fit with a validation split and nested-array data leaves the count unchanged', async () => {
    const xs = (await x.array()) as number[][];
    const ys = (await y.array()) as number[][];
    const before = live();
    await model.fit(xs, ys, { epochs: 3, batchSize: 16, verbose: 0, validationSplit: 0.25 });
    expect(live()).toBe(before);
  });

  it('evaluate, once its results are disposed, leaves the count unchanged', () => {
    const before = live();
    const results = model.evaluate(x, y, { batchSize: 16 });
    expect(Array.isArray(results) ? results.length : 1).toBe(2); // loss, accuracy
    tf.dispose(results);
    expect(live()).toBe(before);
  });

  it('predict, once its output is disposed, leaves the count unchanged (one batch and several)', () => {
    const before = live();
    const whole = model.predict(x);
    const batched = model.predict(x, { batchSize: 7 });
    expect(batched.shape).toEqual([40, 3]);
    tf.dispose([whole, batched]);
    expect(live()).toBe(before);
  });

  it('save leaves the count unchanged', async () => {
    const before = live();
    await model.save(`file://${join(root, 'save')}`);
    expect(live()).toBe(before);
  });

  it('load then dispose leaves the count unchanged', async () => {
    const dir = join(root, 'load');
    await model.save(`file://${dir}`);
    const before = live();
    const loaded = await st.loadLayersModel(`file://${dir}/model.json`);
    expect(live()).toBeGreaterThan(before); // it really holds weights...
    loaded.dispose();
    expect(live()).toBe(before); // ...and frees them all
  });
});
