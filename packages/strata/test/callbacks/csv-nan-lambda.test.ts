// CSVLogger (exact file content), TerminateOnNaN, and the lambda / tfjs-style custom callback.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as st from 'strata';
import { lazyBatchLogs } from '../../src/training/callbacks/lambda-callback.js';
import { linearModel } from './helpers.js';

const tf = st.tf;
const root = mkdtempSync(join(tmpdir(), 'strata-csv-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A frozen model (lr 0) predicting 0: every loss is known by hand. */
function frozen(): st.Sequential {
  const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', useBias: false })] });
  model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse', metrics: ['mae'] });
  return model;
}

describe('CSVLogger', () => {
  it('writes a header and one row per epoch, with NA where validation did not run', async () => {
    const file = join(root, 'log.csv');
    const model = frozen();
    // Predictions 0: loss = mean(y^2) = (1+1+1+9)/4 = 3, mae = 6/4 = 1.5; validation: loss 4, mae 2.
    const x = tf.zeros([4, 1]);
    const y = tf.tensor2d([1, 1, 1, 3], [4, 1]);
    const vx = tf.zeros([2, 1]);
    const vy = tf.tensor2d([2, 2], [2, 1]);
    const logger = st.callbacks.csvLogger({ filename: file });
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, validationData: [vx, vy], validationFreq: 2, callbacks: [logger] });
    expect(readFileSync(file, 'utf8')).toBe(
      'epoch,loss,mae,val_loss,val_mae\r\n' + '0,3.0,1.5,NA,NA\r\n' + '1,3.0,1.5,4.0,2.0\r\n' + '2,3.0,1.5,NA,NA\r\n',
    );
    // append: no second header, rows continue; a custom separator.
    const semi = join(root, 'semi.csv');
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [new st.callbacks.CSVLogger({ filename: semi, separator: ';' })] });
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [new st.callbacks.CSVLogger({ filename: semi, separator: ';', append: true })] });
    expect(readFileSync(semi, 'utf8')).toBe('epoch;loss;mae;val_loss;val_mae\r\n0;3.0;1.5;NA;NA\r\n0;3.0;1.5;NA;NA\r\n');
    tf.dispose([x, y, vx, vy]);
    model.dispose();
  });

  it('rejects a bad separator and unknown options', () => {
    expect(() => st.callbacks.csvLogger({ filename: 'a.csv', separator: ',,' })).toThrow(/separator must be a single character/);
    expect(() => st.callbacks.csvLogger({ filename: 'a.csv', sep: ';' } as unknown as st.callbacks.CSVLoggerArgs)).toThrow(
      /CSVLogger: unknown option\(s\) 'sep'\. Known options: filename, separator, append/,
    );
  });
});

describe('TerminateOnNaN', () => {
  it('stops after the first batch whose loss is NaN', async () => {
    const model = linearModel();
    // Batches of 2, unshuffled: the second batch holds the NaN target.
    const x = tf.ones([6, 1]);
    const y = tf.tensor2d([1, 1, Number.NaN, 1, 1, 1], [6, 1]);
    let batches = 0;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const terminate = st.callbacks.terminateOnNaN();
    const history = await model.fit(x, y, {
      epochs: 3,
      batchSize: 2,
      shuffle: false,
      verbose: 0,
      callbacks: [terminate, { onBatchEnd: () => void batches++ }],
    });
    log.mockRestore();
    expect(batches).toBe(2);
    expect(terminate.terminatedAt).toBe(1);
    expect(history.epoch).toEqual([0]);
    expect(Number.isNaN(history.history.loss[0])).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('LambdaCallback / tfjs-style callback objects', () => {
  it('calls every hook in order, including the test hooks of validation', async () => {
    const model = linearModel();
    const x = tf.ones([4, 1]);
    const y = tf.ones([4, 1]);
    const events: string[] = [];
    const hooks: st.callbacks.CustomCallbackArgs = {
      onTrainBegin: () => void events.push('trainBegin'),
      onEpochBegin: (e) => void events.push(`epochBegin ${e}`),
      onBatchBegin: (b) => void events.push(`batchBegin ${b}`),
      onBatchEnd: (b, logs) => void events.push(`batchEnd ${b} size ${logs!.size}`),
      onTestBegin: () => void events.push('testBegin'),
      onTestBatchBegin: (b) => void events.push(`testBatchBegin ${b}`),
      onTestBatchEnd: (b) => void events.push(`testBatchEnd ${b}`),
      onTestEnd: (logs) => void events.push(`testEnd ${Object.keys(logs!).join(',')}`),
      onEpochEnd: (e, logs) => void events.push(`epochEnd ${e} ${Object.keys(logs!).join(',')}`),
      onTrainEnd: () => void events.push('trainEnd'),
    };
    // A plain object of hooks, as tfjs-layers accepts.
    await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, validationData: [x, y], validationBatchSize: 4, callbacks: hooks });
    expect(events).toEqual([
      'trainBegin',
      'epochBegin 0',
      'batchBegin 0',
      'batchEnd 0 size 2',
      'batchBegin 1',
      'batchEnd 1 size 2',
      'testBegin',
      'testBatchBegin 0',
      'testBatchEnd 0',
      'testEnd loss',
      'epochEnd 0 loss,val_loss',
      'trainEnd',
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('batch logs are running means, read from the device only when a hook touches them', async () => {
    let reads = 0;
    const logs = lazyBatchLogs({ batch: 3, size: 2, keys: () => ['loss', 'mae'], read: () => (reads++, { loss: 0.5, mae: 0.25 }) });
    expect(Object.keys(logs)).toEqual(['batch', 'size', 'loss', 'mae']);
    expect(reads).toBe(0);
    expect(logs.loss).toBe(0.5);
    expect(logs.mae).toBe(0.25);
    expect(reads).toBe(1);
    // Through fit: per-sample losses 1, 4, 9 (frozen model, y = 1, 2, 3) give running means 1, 2.5, 14/3.
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse' });
    const x = tf.zeros([3, 1]);
    const y = tf.tensor2d([1, 2, 3], [3, 1]);
    const seen: number[] = [];
    await model.fit(x, y, { epochs: 1, batchSize: 1, shuffle: false, verbose: 0, callbacks: [st.callbacks.lambdaCallback({ onBatchEnd: (_b, l) => void seen.push(l!.loss) })] });
    expect(seen[0]).toBeCloseTo(1, 6);
    expect(seen[1]).toBeCloseTo(2.5, 6);
    expect(seen[2]).toBeCloseTo(14 / 3, 5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects unknown hook names and non-functions', () => {
    expect(() => new st.callbacks.CustomCallback({ onEpochFinish: () => {} } as unknown as st.callbacks.CustomCallbackArgs)).toThrow(
      /CustomCallback: unknown option\(s\) 'onEpochFinish'\. Known options: onTrainBegin/,
    );
    expect(() => st.callbacks.lambdaCallback({ onEpochEnd: 3 } as unknown as st.callbacks.CustomCallbackArgs)).toThrow(/onEpochEnd must be a function, found number/);
  });
});
