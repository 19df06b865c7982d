import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { TensorBatches } from '../../src/training/data-adapter.js';

const tf = st.tf;

async function epochRows(backend: string) {
  await st.useBackend(backend);
  // Row i of x is [i, 10*i]; y is i as int32, so pairing can be checked after shuffling.
  const n = 11;
  const x = tf.tensor2d(Array.from({ length: n }, (_, i) => [i, 10 * i]));
  const y = tf.tensor1d(Array.from({ length: n }, (_, i) => i), 'int32');
  const batches = new TensorBatches([x], [y], null, 4);
  const seen: number[] = [];
  const sizes: number[] = [];
  for (const batch of batches.batches(true)) {
    const xs = batch.x[0].arraySync() as number[][];
    const ys = batch.y[0].arraySync() as number[];
    xs.forEach((row, i) => {
      expect(row).toEqual([ys[i], 10 * ys[i]]);
      seen.push(ys[i]);
    });
    sizes.push(batch.size);
    tf.dispose([...batch.x, ...batch.y]);
  }
  tf.dispose([x, y]);
  return { seen, sizes };
}

describe('TensorBatches', () => {
  afterAll(async () => {
    await st.useBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`shuffled batches on ${backend} visit every sample once and keep x and y paired`, async () => {
      const { seen, sizes } = await epochRows(backend);
      expect(sizes).toEqual([4, 4, 3]);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    });
  }

  it('unshuffled batches are contiguous slices in order', () => {
    const x = tf.tensor2d([[0], [1], [2], [3], [4]]);
    const batches = new TensorBatches([x], [x], null, 2);
    const got: number[][] = [];
    for (const batch of batches.batches(false)) {
      got.push(Array.from(batch.x[0].dataSync()));
      tf.dispose([...batch.x, ...batch.y]);
    }
    expect(got).toEqual([[0, 1], [2, 3], [4]]);
    x.dispose();
  });
});
