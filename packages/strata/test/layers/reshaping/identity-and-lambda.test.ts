// Identity and the Lambda function layer: functions registered by name, serialized by name,
// and a clear error on load when the program has not registered the name.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { assertAllClose, randomValues, runLayerTest, valuesOf, withTempDir } from '@strata/testing';
import { registerFunction, registeredFunctionNames } from '../../../src/layers/core/function-layer.js';

const { tf } = st;

registerFunction('test.double', (x) => tf.mul(x as st.Tensor, 2));
registerFunction('test.affine', (x, args) => tf.add(tf.mul(x as st.Tensor, args.scale as number), args.shift as number));
registerFunction('test.sumLast', (x) => tf.sum(x as st.Tensor, -1));
registerFunction('test.pairProduct', (xs) => {
  const [a, b] = xs as st.Tensor[];
  return tf.concat([tf.mul(a, b), tf.sub(a, b)], -1);
});

runLayerTest({
  name: 'identity',
  make: () => st.layers.identity(),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  expectedOutput: { input: [1, -2, 3, 0.5, 0, 7], output: [1, -2, 3, 0.5, 0, 7] },
});

runLayerTest({
  name: 'lambda double (by name)',
  make: () => st.layers.lambda({ function: 'test.double' }),
  inputShape: [2, 3],
  expectedOutputShape: [2, 3],
  expectedOutput: { input: [1, -2, 3, 0.5, 0, 7], output: [2, -4, 6, 1, 0, 14] },
});

runLayerTest({
  name: 'lambda affine with arguments',
  make: () => st.layers.lambda({ function: 'test.affine', arguments: { scale: 3, shift: -1 } }),
  inputShape: [2, 2],
  expectedOutputShape: [2, 2],
  expectedOutput: { input: [1, 2, -1, 0], output: [2, 5, -4, -1] },
});

runLayerTest({
  name: 'lambda sum over the last axis (traced output shape)',
  make: () => st.layers.lambda({ function: 'test.sumLast' }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3],
  expectedOutput: { input: Array.from({ length: 24 }, (_, i) => i), output: [6, 22, 38, 54, 70, 86] },
});

describe('Identity', () => {
  it('passes the mask through', () => {
    const mask = tf.tensor2d([[1, 0]], [1, 2], 'bool');
    const x = tf.zeros([1, 2, 3]);
    expect(st.layers.identity().computeMask(x, mask)).toBe(mask);
    tf.dispose([x, mask]);
  });
});

describe('Lambda', () => {
  it('takes the registered function itself, and serializes it by name', () => {
    const fn = (x: st.Tensor | st.Tensor[]) => tf.neg(x as st.Tensor);
    registerFunction('test.negate', fn);
    const layer = st.layers.lambda({ function: fn });
    expect(layer.getConfig().function).toBe('test.negate');
    expect(registeredFunctionNames()).toContain('test.negate');
  });

  it('rejects an unregistered function object, saying how to register it', () => {
    expect(() => st.layers.lambda({ function: (x) => x })).toThrow(/the function is not registered\. Register it first with st\.registerFunction/);
  });

  it('an unknown name fails with the registered names listed', () => {
    const make = () => st.layers.lambda({ function: 'test.missing' });
    expect(make).toThrow(st.UnknownNameError);
    expect(make).toThrow(/unknown function 'test\.missing'\. Register it with st\.registerFunction\('test\.missing', fn\)/);
    expect(make).toThrow(/Registered functions: .*test\.double/);
  });

  it('loading a model whose function is not registered fails clearly', async () => {
    registerFunction('test.temporary', (x) => tf.relu(x as st.Tensor));
    const model = st.sequential({ layers: [st.layers.lambda({ function: 'test.temporary', inputShape: [3] })] });
    await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      const json = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(`${dir}/model.json`, 'utf8')));
      // Rename the function on disk, as another program that never registered it would see it.
      const text = JSON.stringify(json).replace('"test.temporary"', '"test.neverRegistered"');
      await import('node:fs/promises').then((fs) => fs.writeFile(`${dir}/model.json`, text));
      await expect(st.loadLayersModel(`file://${dir}`)).rejects.toThrow(/unknown function 'test\.neverRegistered'.*Registered functions: .*test\.temporary/);
    });
    model.dispose();
  });

  it('a Keras Lambda config (Python bytecode) fails with an explanation', () => {
    const keras = { name: 'lambda', trainable: true, dtype: 'float32', function: ['4wEAAAAAAAAA', null, null], functionType: 'lambda' };
    expect(() => st.deserialize({ className: 'Lambda', config: keras }, 'layer')).toThrow(/Keras Lambda layers store Python code, which Strata cannot run/);
  });

  it('outputShape overrides the trace; unknown axes stay unknown when traced', () => {
    const given = st.layers.lambda({ function: 'test.sumLast', outputShape: [null] });
    expect(given.apply(st.input({ shape: [5, 4] })).shape).toEqual([null, null]);
    const traced = st.layers.lambda({ function: 'test.sumLast' });
    expect(traced.apply(st.input({ shape: [null, 4] })).shape).toEqual([null, null]);
    expect(traced.apply(st.input({ shape: [6, 4] })).shape).toEqual([null, 6]);
    expect(() => st.layers.lambda({ function: 'test.double', outputShape: [-2] })).toThrow(/outputShape must list the output's sizes/);
  });

  it('multi-input functions work in a functional model and survive save/load', async () => {
    const a = st.input({ shape: [3] });
    const b = st.input({ shape: [3] });
    const out = st.layers.lambda({ function: 'test.pairProduct' }).apply([a, b]) as st.SymbolicTensor;
    expect(out.shape).toEqual([null, 6]);
    const model = st.model({ inputs: [a, b], outputs: st.layers.dense({ units: 2 }).apply(out) });
    const xa = tf.tensor2d(randomValues(6, 1), [2, 3]);
    const xb = tf.tensor2d(randomValues(6, 2), [2, 3]);
    const before = model.predict([xa, xb]) as st.Tensor;
    await withTempDir(async (dir) => {
      await model.save(`file://${dir}`);
      const loaded = await st.loadLayersModel(`file://${dir}`);
      const after = loaded.predict([xa, xb]) as st.Tensor;
      assertAllClose(valuesOf(after), valuesOf(before), 'predictions after load');
      tf.dispose(after);
      loaded.dispose();
    });
    tf.dispose([xa, xb, before]);
    model.dispose();
  });

  it('registerFunction rejects bad arguments', () => {
    expect(() => registerFunction('', (x) => x)).toThrow(/name must be a non-empty string/);
    expect(() => registerFunction('test.bad', 3 as never)).toThrow(/expected a function, found number/);
  });
});
