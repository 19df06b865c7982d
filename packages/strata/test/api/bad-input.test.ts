// Bad input at the model level: every error names what was expected and what was found, and a
// rejected call frees whatever tensors it made on the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { tf } from 'strata';


function model5to3(): st.Sequential {
  return st.sequential({
    name: 'classifier',
    layers: [
      st.layers.dense({ units: 4, activation: 'relu', inputShape: [5] }),
      st.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

/** Nested arrays of the given size, so the model has to convert (and then free) them itself. */
const rows = (n: number, width: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => (i + j) % 3));

describe('model-level bad input', () => {
  let model: st.Sequential;
  beforeEach(() => {
    model = model5to3();
  });
  afterEach(() => model.dispose());

  describe('after compile', () => {
    beforeEach(() => model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' }));

    it('fit with x and y of different lengths names both sample counts', async () => {
      const x = tf.zeros([10, 5]);
      const y = tf.zeros([8, 3]);
      const before = tf.memory().numTensors;
      await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/fit\(\): x has 10 samples but y has 8 \(shape \[8, 3\]\)/);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
    });

    it('fit with the wrong feature size names the expected and the found shape', async () => {
      const x = tf.zeros([10, 4]);
      const y = tf.zeros([10, 3]);
      await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(
        /fit\(\): x of model 'classifier' expected shape \[null, 5\], found \[10, 4\]/,
      );
      tf.dispose([x, y]);
    });

    it('fit with targets of the wrong width names the loss, the expected and the found shape', async () => {
      const x = tf.zeros([10, 5]);
      const y = tf.zeros([10, 4]);
      await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(
        /Loss 'categorical_crossentropy': expected one-hot yTrue of the same shape as yPred \[10, 3\], found yTrue \[10, 4\]/,
      );
      tf.dispose([x, y]);
    });

    // The targets are checked on one sample before any gradient tape exists, so nothing leaks.
    it('a fit rejected by the loss shape check frees what the failed step made', async () => {
      const x = tf.zeros([10, 5]);
      const y = tf.zeros([10, 4]);
      const before = tf.memory().numTensors;
      await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/found yTrue \[10, 4\]/);
      const leaked = tf.memory().numTensors - before;
      tf.dispose([x, y]);
      expect(leaked).toBe(0);
    });

    it('evaluate with the wrong feature size names the expected and the found shape', () => {
      const x = tf.zeros([10, 6]);
      const y = tf.zeros([10, 3]);
      expect(() => model.evaluate(x, y)).toThrow(/evaluate\(\): x of model 'classifier' expected shape \[null, 5\], found \[10, 6\]/);
      tf.dispose([x, y]);
    });

    it('a rejected fit frees the tensors it made from nested arrays', async () => {
      const before = tf.memory().numTensors;
      await expect(model.fit(rows(10, 5), rows(8, 3), { verbose: 0 })).rejects.toThrow(/x has 10 samples but y has 8/);
      await expect(model.fit(rows(10, 4), rows(10, 3), { verbose: 0 })).rejects.toThrow(/expected shape \[null, 5\], found \[10, 4\]/);
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('predict with the wrong rank names the expected and the found shape', () => {
    const flat = tf.zeros([5]);
    const deep = tf.zeros([2, 5, 1]);
    const before = tf.memory().numTensors;
    expect(() => model.predict(flat)).toThrow(/predict\(\): x of model 'classifier' expected shape \[null, 5\], found \[5\]/);
    expect(() => model.predict(deep)).toThrow(/predict\(\): x of model 'classifier' expected shape \[null, 5\], found \[2, 5, 1\]/);
    // Nested arrays are converted first; a rejected call must free the converted tensor.
    expect(() => model.predict([1, 2, 3, 4, 5])).toThrow(/expected shape \[null, 5\], found \[5\]/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([flat, deep]);
  });

  it('an unknown loss name says which name was given and lists the known ones', () => {
    const error = captureError(() => model.compile({ optimizer: 'sgd', loss: 'meanSquaredErr' }));
    expect(error.message).toMatch(/Unknown loss 'meanSquaredErr'\. Expected one of: .*meanSquaredError/);
    expect(error.message).toMatch(/categoricalCrossentropy/);
    expect(model.isCompiled).toBe(false);
  });

  it('an unknown optimizer name says which name was given and lists the known ones', () => {
    const error = captureError(() => model.compile({ optimizer: 'adamw-typo', loss: 'mse' }));
    expect(error.message).toMatch(/Unknown optimizer 'adamw-typo'\. Expected one of: .*adam.*sgd/);
    expect(model.isCompiled).toBe(false);
  });

  it('compile without a loss says what it needs and what it was given', () => {
    const args = { optimizer: 'sgd' } as unknown as st.CompileArgs;
    expect(() => model.compile(args)).toThrow(/compile\(\) needs \{optimizer, loss\}; found \["optimizer"\]/);
  });

  it('fit, evaluate and trainOnBatch before compile say the model is not compiled and what to call', async () => {
    const x = tf.zeros([4, 5]);
    const y = tf.zeros([4, 3]);
    await expect(model.fit(x, y)).rejects.toThrow(/fit\(\): model 'classifier' is not compiled; call model\.compile\(\{optimizer, loss\}\) first/);
    expect(() => model.evaluate(x, y)).toThrow(/evaluate\(\): model 'classifier' is not compiled/);
    await expect(model.trainOnBatch(x, y)).rejects.toThrow(/trainOnBatch\(\): model 'classifier' is not compiled/);
    tf.dispose([x, y]);
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}
