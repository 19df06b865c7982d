// ReduceLROnPlateau and LearningRateScheduler: the learning rate changes exactly at the epochs
// Keras' rules give (traced by hand), and the new rate is the one the optimizer then uses.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { Inject, Recorder, linearModel, onePoint } from './helpers.js';

const tf = st.tf;

describe('ReduceLROnPlateau', () => {
  it('halves the rate after `patience` flat epochs, then waits out the cooldown', async () => {
    const model = linearModel({ learningRate: 1 });
    const { x, y } = onePoint();
    const recorder = new Recorder();
    const reduce = st.callbacks.reduceLROnPlateau({ monitor: 'score', mode: 'min', factor: 0.5, patience: 2, cooldown: 1, minDelta: 0 });
    const scores = [1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5];
    const history = await model.fit(x, y, { epochs: scores.length, verbose: 0, callbacks: [new Inject('score', scores), recorder, reduce] });
    // Hand trace (wait / cooldown): e0 best; e1 w1; e2 w2 -> 0.5, cd 1; e3 cd 0, w1; e4 w2 -> 0.25;
    // e5 w1; e6 w2 -> 0.125; e7 improves (0.5); e8 w1; e9 w2 -> 0.0625.
    expect(recorder.ratesAtBegin).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.125]);
    // logs.learning_rate is the rate at the end of the epoch, before any reduction (Keras).
    expect(history.history.learning_rate).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.125]);
    expect(model.optimizer!.learningRate).toBe(0.0625);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('never goes below minLr, and treats accuracy-like names as maximized', async () => {
    const model = linearModel({ learningRate: 1 });
    const { x, y } = onePoint();
    const recorder = new Recorder();
    const reduce = new st.callbacks.ReduceLROnPlateau({ monitor: 'val_acc', factor: 0.1, patience: 1, minLr: 0.05 });
    // Rising accuracy never plateaus for the first 3 epochs; then flat: e3 -> 0.1, e4 -> 0.05 (clamped), e5 stays.
    await model.fit(x, y, { epochs: 7, verbose: 0, callbacks: [new Inject('val_acc', [0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3]), recorder, reduce] });
    expect(recorder.ratesAtBegin).toEqual([1, 1, 1, 1, 0.1, 0.05, 0.05]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects factor >= 1 and unknown options', () => {
    expect(() => st.callbacks.reduceLROnPlateau({ factor: 1 })).toThrow(/factor must be < 1/);
    expect(() => st.callbacks.reduceLROnPlateau({ minLR: 0 } as unknown as st.callbacks.ReduceLROnPlateauArgs)).toThrow(
      /unknown option\(s\) 'minLR'\. Known options: .*minLr/,
    );
  });
});

describe('LearningRateScheduler', () => {
  it('sets schedule(epoch, lr) at each epoch start, and training uses it', async () => {
    const model = linearModel({ learningRate: 0.1 });
    const { x, y } = onePoint();
    const scheduler = st.callbacks.learningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5));
    const history = await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [scheduler] });
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05, 0.025]);
    // Loss (w - 1)^2 at x = 1, so w <- w - lr * 2(w - 1): 0 -> 0.2 -> 0.36 -> 0.424 -> 0.4528.
    const [w] = model.getWeights();
    expect(w.dataSync()[0]).toBeCloseTo(0.4528, 5);
    tf.dispose([w, x, y]);
    model.dispose();
  });

  it('rejects a schedule that returns something other than a rate', async () => {
    const model = linearModel();
    const { x, y } = onePoint();
    const bad = new st.callbacks.LearningRateScheduler(() => Number.NaN);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [bad] })).rejects.toThrow(
      /the schedule returned NaN for epoch 0; expected a finite number >= 0/,
    );
    tf.dispose([x, y]);
    model.dispose();
  });
});
