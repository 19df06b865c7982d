// EarlyStopping against Keras 3's rules, traced by hand on scripted monitor values (injected
// into the logs so the sequence is known exactly; the model still trains, so every epoch ends
// with different weights).
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { Inject, Recorder, currentWeights, linearModel, onePoint } from './helpers.js';

const tf = st.tf;

async function run(values: number[], args: st.callbacks.EarlyStoppingArgs, epochs = values.length) {
  const model = linearModel();
  const { x, y } = onePoint();
  const recorder = new Recorder();
  const stopper = new st.callbacks.EarlyStopping({ monitor: 'score', mode: 'min', ...args });
  const before = tf.memory().numTensors;
  const history = await model.fit(x, y, { epochs, verbose: 0, callbacks: [new Inject('score', values), recorder, stopper] });
  const leaked = tf.memory().numTensors - before;
  const final = currentWeights(model);
  tf.dispose([x, y]);
  model.dispose();
  return { history, recorder, stopper, final, leaked };
}

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the weights of the best epoch', async () => {
    // Hand trace (patience 2): best 5@0, 3@1; 4 waits 1; 2.5@3 is best; 2.6 waits 1, 2.7 waits 2 -> stop at epoch 5.
    const { history, recorder, stopper, final, leaked } = await run([5, 3, 4, 2.5, 2.6, 2.7, 2.8, 2.9], {
      patience: 2,
      restoreBestWeights: true,
    });
    expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stopper.stoppedEpoch).toBe(5);
    expect(stopper.bestEpoch).toBe(3);
    expect(final).toEqual(recorder.weights[3]);
    // The last epoch's weights are different, so the restore is observable.
    expect(recorder.weights[5]).not.toEqual(recorder.weights[3]);
    // The held copy of the best weights is freed at the end of training.
    expect(leaked).toBe(0);
  });

  it('keeps the last weights when restoreBestWeights is off', async () => {
    const { final, recorder } = await run([5, 3, 4, 2.5, 2.6, 2.7], { patience: 2 });
    expect(final).toEqual(recorder.weights[5]);
  });

  it('counts an improvement only when it exceeds minDelta', async () => {
    // minDelta 0.1: 0.95 + 0.1 < 1 is false -> no improvement -> wait 1 >= patience 1 -> stop at epoch 1.
    const { history } = await run([1, 0.95, 0.93, 0.92], { patience: 1, minDelta: 0.1 });
    expect(history.epoch).toEqual([0, 1]);
    // Without minDelta every epoch improves and training runs to the end.
    const plain = await run([1, 0.95, 0.93, 0.92], { patience: 1 });
    expect(plain.history.epoch).toEqual([0, 1, 2, 3]);
  });

  it('with a baseline, patience restarts only when the baseline is beaten', async () => {
    // baseline 0.5 never beaten: epoch 0 leaves wait = 1, epoch 1 makes it 2 >= 2 -> stop at epoch 1.
    const withBaseline = await run([1, 1, 1, 1], { patience: 2, baseline: 0.5 });
    expect(withBaseline.history.epoch).toEqual([0, 1]);
    // No baseline: epoch 0 resets wait; epochs 1 and 2 wait -> stop at epoch 2.
    const without = await run([1, 1, 1, 1], { patience: 2 });
    expect(without.history.epoch).toEqual([0, 1, 2]);
  });

  it('ignores the epochs before startFromEpoch', async () => {
    // Epochs 0 and 1 are skipped; best 5@2; 6 waits 1 >= 1 -> stop at epoch 3.
    const late = await run([0, 0, 5, 6, 7], { patience: 1, startFromEpoch: 2 });
    expect(late.history.epoch).toEqual([0, 1, 2, 3]);
    const early = await run([0, 0, 5, 6, 7], { patience: 1 });
    expect(early.history.epoch).toEqual([0, 1]);
  });

  it("'max' mode (and 'auto' for accuracy names) treats larger as better", async () => {
    const { history } = await run([0.5, 0.6, 0.55, 0.5], { patience: 1, mode: 'max' });
    // 0.6 improves, 0.55 waits 1 -> stop at epoch 2.
    expect(history.epoch).toEqual([0, 1, 2]);
    const auto = new st.callbacks.EarlyStopping({ monitor: 'val_accuracy' });
    await auto.onTrainBegin();
    auto.setModel({ stopTraining: false } as unknown as st.callbacks.CallbackModel);
    await auto.onEpochEnd(0, { val_accuracy: 0.5 });
    await auto.onEpochEnd(1, { val_accuracy: 0.7 });
    expect(auto.best).toBe(0.7);
  });

  it('rejects unknown options, bad values, and monitors whose direction it cannot tell', async () => {
    const make = (args: object) => () => st.callbacks.earlyStopping(args as st.callbacks.EarlyStoppingArgs);
    expect(make({ patiance: 3 })).toThrow(/EarlyStopping: unknown option\(s\) 'patiance'\. Known options: monitor, minDelta, patience/);
    expect(make({ patience: -1 })).toThrow(/EarlyStopping: patience must be an integer >= 0, found -1/);
    expect(make({ mode: 'minimum' })).toThrow(/mode must be one of 'auto', 'min', 'max', found "minimum"/);
    const unknownDirection = new st.callbacks.EarlyStopping({ monitor: 'foo' });
    await expect(unknownDirection.onTrainBegin()).rejects.toThrow(/cannot tell whether 'foo' should be minimized or maximized; pass mode/);
  });
});
