import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tf, ValueError } from 'strata';
import { loadMnist } from '../src/mnist.js';

// The `mnist` package's own API, used as the independent reference for pixels and labels.
type MnistDigit = { length: number; get(which: number): number[] };
const reference = createRequire(import.meta.url)('mnist') as MnistDigit[];
const referenceOffsets: number[] = [];
{
  let offset = 0;
  for (let d = 0; d < 10; d++) {
    referenceOffsets.push(offset);
    offset += reference[d].length;
  }
}
/** The (digit, image) that sits at `index` in the package's digit-by-digit order. */
function referenceImage(index: number): { digit: number; pixels: number[] } {
  let digit = 9;
  while (referenceOffsets[digit] > index) digit--;
  return { digit, pixels: reference[digit].get(index - referenceOffsets[digit]) };
}

function disposeAll(data: ReturnType<typeof loadMnist>): void {
  tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
}

describe('loadMnist', () => {
  const data = loadMnist();

  it('the reference package ships 10,000 digits', () => {
    expect(reference.reduce((sum, d) => sum + d.length, 0)).toBe(10_000);
  });

  it('defaults to 8000/2000, flattened float32 xs and one-hot float32 ys', () => {
    for (const [split, n] of [[data.train, 8000], [data.test, 2000]] as const) {
      expect(split.xs.shape).toEqual([n, 784]);
      expect(split.xs.dtype).toBe('float32');
      expect(split.ys.shape).toEqual([n, 10]);
      expect(split.ys.dtype).toBe('float32');
      expect(split.labels).toBeInstanceOf(Int32Array);
      expect(split.labels.length).toBe(n);
      expect(split.indices.length).toBe(n);
    }
  });

  it('keeps every digit between 5% and 15% of each split', () => {
    for (const split of [data.train, data.test]) {
      const counts = new Array<number>(10).fill(0);
      for (const label of split.labels) counts[label]++;
      for (const count of counts) {
        expect(count / split.labels.length).toBeGreaterThanOrEqual(0.05);
        expect(count / split.labels.length).toBeLessThanOrEqual(0.15);
      }
    }
  });

  it('has pixels in [0, 1] that are real images, and one-hot rows whose argmax is the label', () => {
    for (const split of [data.train, data.test]) {
      const px = split.xs.dataSync();
      let min = Infinity;
      let max = -Infinity;
      let ink = 0;
      for (const v of px) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (v > 0.5) ink++;
      }
      expect(min).toBe(0);
      expect(max).toBeCloseTo(1, 2);
      // Real digits are mostly background: roughly 10-20% of MNIST pixels are ink.
      expect(ink / px.length).toBeGreaterThan(0.05);
      expect(ink / px.length).toBeLessThan(0.3);
      const hot = split.ys.dataSync();
      for (let i = 0; i < split.labels.length; i++) {
        const row = Array.from(hot.subarray(i * 10, i * 10 + 10));
        expect(row.reduce((a, b) => a + b, 0)).toBe(1);
        expect(row.indexOf(1)).toBe(split.labels[i]);
      }
    }
  });

  it('matches every image and label of the mnist package', () => {
    for (const split of [data.train, data.test]) {
      const px = split.xs.dataSync();
      let labelMismatches = 0;
      let pixelMismatches = 0;
      for (let i = 0; i < split.labels.length; i++) {
        const { digit, pixels } = referenceImage(split.indices[i]);
        if (split.labels[i] !== digit) labelMismatches++;
        for (let p = 0; p < 784; p++) if (px[i * 784 + p] !== Math.fround(pixels[p])) pixelMismatches++;
      }
      expect(labelMismatches).toBe(0);
      expect(pixelMismatches).toBe(0);
    }
  });

  it('splits disjointly and deterministically; the seed changes the split', () => {
    const train = new Set(data.train.indices);
    expect(train.size).toBe(8000);
    for (const i of data.test.indices) expect(train.has(i)).toBe(false);
    const all = [...data.train.indices, ...data.test.indices];
    expect(Math.min(...all)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...all)).toBeLessThan(10_000);

    const again = loadMnist();
    expect(again.train.indices).toEqual(data.train.indices);
    expect(again.test.indices).toEqual(data.test.indices);
    // Plain loop: a deep-equality matcher on 6 million floats takes tens of seconds.
    const a = again.train.xs.dataSync();
    const b = data.train.xs.dataSync();
    let mismatches = 0;
    for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) mismatches++;
    expect(a.length).toBe(b.length);
    expect(mismatches).toBe(0);
    disposeAll(again);

    const explicit = loadMnist({ seed: 0, trainSize: 10, testSize: 10 });
    const other = loadMnist({ seed: 7, trainSize: 10, testSize: 10 });
    expect(explicit.train.indices).toEqual(data.train.indices.slice(0, 10));
    expect(other.train.indices).not.toEqual(explicit.train.indices);
    disposeAll(explicit);
    disposeAll(other);
  });

  it('keeps the test set fixed when only trainSize changes', () => {
    const small = loadMnist({ trainSize: 500 });
    expect(small.train.xs.shape).toEqual([500, 784]);
    expect(small.test.indices).toEqual(data.test.indices);
    expect(small.train.indices).toEqual(data.train.indices.slice(0, 500));
    disposeAll(small);
  });

  it('offers [n, 28, 28, 1] images and int32 label tensors', () => {
    const images = loadMnist({ trainSize: 30, testSize: 20, flatten: false, oneHot: false });
    expect(images.train.xs.shape).toEqual([30, 28, 28, 1]);
    expect(images.test.xs.shape).toEqual([20, 28, 28, 1]);
    expect(images.train.ys.shape).toEqual([30]);
    expect(images.train.ys.dtype).toBe('int32');
    expect(Array.from(images.train.ys.dataSync())).toEqual(Array.from(images.train.labels));
    // Row r, column c of image 3 is pixel 28r + c of the flat image.
    const img = images.train.xs.arraySync() as number[][][][];
    const flat = data.train.xs.dataSync().subarray(3 * 784, 4 * 784);
    expect(img[3][10][14][0]).toBe(flat[28 * 10 + 14]);
    expect(img[3][20][5][0]).toBe(flat[28 * 20 + 5]);
    disposeAll(images);
  });

  it('creates exactly four tensors and leaks none', () => {
    const before = tf.memory().numTensors;
    const d = loadMnist({ trainSize: 100, testSize: 100 });
    expect(tf.memory().numTensors).toBe(before + 4);
    disposeAll(d);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad sizes with a ValueError naming the argument and value', () => {
    const cases: [Parameters<typeof loadMnist>[0], RegExp][] = [
      [{ trainSize: 0 }, /trainSize.*0/],
      [{ trainSize: -5 }, /trainSize.*-5/],
      [{ testSize: 2.5 }, /testSize.*2\.5/],
      [{ testSize: Number.NaN }, /testSize.*NaN/],
      [{ seed: 1.5 }, /seed.*1\.5/],
      [{ trainSize: 9000, testSize: 1500 }, /9000.*1500/],
    ];
    for (const [options, message] of cases) {
      expect(() => loadMnist(options)).toThrow(ValueError);
      expect(() => loadMnist(options)).toThrow(message);
    }
    // The full 10,000 is allowed.
    const all = loadMnist({ trainSize: 9000, testSize: 1000 });
    expect(new Set([...all.train.indices, ...all.test.indices]).size).toBe(10_000);
    disposeAll(all);
  });
});
