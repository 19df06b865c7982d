import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runLayerTest } from '@strata/testing';

const { tf } = st;

// Random in training: the harness checks gradients in inference mode and pins the random
// source for the training step (spec.stochastic). Inference is the identity.
const identityCase = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (i % 7) - 3);
  return { input: values, output: values };
};

runLayerTest({
  name: 'spatialDropout1d 0.5 on [2, 3, 4]',
  make: () => st.layers.spatialDropout1d({ rate: 0.5 }),
  inputShape: [2, 3, 4],
  expectedOutputShape: [2, 3, 4],
  stochastic: true,
  expectedOutput: identityCase([2, 3, 4]),
});

runLayerTest({
  name: 'spatialDropout2d 0.3 on [2, 3, 3, 2] (channels last)',
  make: () => st.layers.spatialDropout2d({ rate: 0.3 }),
  inputShape: [2, 3, 3, 2],
  expectedOutputShape: [2, 3, 3, 2],
  stochastic: true,
  expectedOutput: identityCase([2, 3, 3, 2]),
});

runLayerTest({
  name: 'spatialDropout2d 0.3 on [2, 2, 3, 3] (channels first)',
  make: () => st.layers.spatialDropout2d({ rate: 0.3, dataFormat: 'channels_first' }),
  inputShape: [2, 2, 3, 3],
  expectedOutputShape: [2, 2, 3, 3],
  stochastic: true,
});

runLayerTest({
  name: 'spatialDropout3d 0.4 on [2, 2, 2, 2, 3]',
  make: () => st.layers.spatialDropout3d({ rate: 0.4 }),
  inputShape: [2, 2, 2, 2, 3],
  expectedOutputShape: [2, 2, 2, 2, 3],
  stochastic: true,
  expectedOutput: identityCase([2, 2, 2, 2, 3]),
});

function run(layer: st.Layer, x: st.Tensor, training: boolean): Float32Array {
  const y = layer.apply(x, { training });
  const values = Float32Array.from(y.dataSync() as Float32Array);
  y.dispose();
  return values;
}

/** Index of (sample, channel) for each flat position of a shape, given the channel axis. */
function featureMapOf(shape: number[], channelAxis: number): number[] {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => {
    const sample = Math.floor(i / strides[0]);
    const channel = Math.floor(i / strides[channelAxis]) % shape[channelAxis];
    return sample * shape[channelAxis] + channel;
  });
}

/** Checks that each feature map is dropped (all 0) or kept (all 1/(1-rate)) as a whole; returns the dropped fraction. */
function checkWholeMaps(values: Float32Array, maps: number[], rate: number): number {
  const seen = new Map<number, number>();
  const scale = Math.fround(1 / (1 - rate));
  values.forEach((v, i) => {
    if (v !== 0) expect(v).toBeCloseTo(scale, 6);
    const prior = seen.get(maps[i]);
    if (prior === undefined) seen.set(maps[i], v);
    else expect(v, `feature map ${maps[i]} partly dropped`).toBe(prior);
  });
  const dropped = [...seen.values()].filter((v) => v === 0).length;
  return dropped / seen.size;
}

describe('SpatialDropout semantics', () => {
  const rate = 0.3;
  const cases: Array<[string, () => st.Layer, number[], number]> = [
    ['1D', () => st.layers.spatialDropout1d({ rate }), [200, 5, 20], 2],
    ['2D channels last', () => st.layers.spatialDropout2d({ rate }), [100, 3, 3, 40], 3],
    ['2D channels first', () => st.layers.spatialDropout2d({ rate, dataFormat: 'channelsFirst' }), [100, 40, 3, 3], 1],
    ['3D channels last', () => st.layers.spatialDropout3d({ rate }), [100, 2, 2, 2, 40], 4],
    ['3D channels first', () => st.layers.spatialDropout3d({ rate, dataFormat: 'channels_first' }), [100, 40, 2, 2, 2], 1],
  ];
  for (const [label, make, shape, channelAxis] of cases) {
    it(`${label}: in training drops whole feature maps, about \`rate\` of them, scaling the rest by 1/(1-rate)`, () => {
      const x = tf.ones(shape);
      const fraction = checkWholeMaps(run(make(), x, true), featureMapOf(shape, channelAxis), rate);
      // 4000 maps: the fraction's standard deviation is ~0.007.
      expect(fraction).toBeGreaterThan(rate - 0.035);
      expect(fraction).toBeLessThan(rate + 0.035);
      x.dispose();
    });
  }

  it('is the identity in inference mode and when training is not given', () => {
    const x = tf.tensor3d([[[1, -2], [3, 4]]]);
    const layer = st.layers.spatialDropout1d({ rate: 0.9 });
    expect(Array.from(run(layer, x, false))).toEqual([1, -2, 3, 4]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3, 4]);
    tf.dispose([x, y]);
  });

  it('a seed makes the draws reproducible, and a seeded layer draws anew on each call', () => {
    const x = tf.ones([20, 4, 10]);
    const a = run(st.layers.spatialDropout1d({ rate: 0.5, seed: 7 }), x, true);
    const b = run(st.layers.spatialDropout1d({ rate: 0.5, seed: 7 }), x, true);
    const layer = st.layers.spatialDropout1d({ rate: 0.5, seed: 7 });
    run(layer, x, true);
    const second = run(layer, x, true);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(second)).not.toEqual(Array.from(a));
    x.dispose();
  });

  it('writes Keras configs (channels_first spelled the Keras way)', () => {
    expect(st.layers.spatialDropout2d({ rate: 0.2, dataFormat: 'channelsFirst', seed: 3 }).getConfig()).toMatchObject({
      rate: 0.2,
      seed: 3,
      dataFormat: 'channels_first',
    });
    expect(st.layers.spatialDropout1d({ rate: 0.2 }).getConfig()).toMatchObject({ rate: 0.2, seed: null });
  });
});

describe('SpatialDropout errors', () => {
  it('refuses a rate outside [0, 1), naming it', () => {
    for (const rate of [-0.1, 1, 1.5]) {
      expect(() => st.layers.spatialDropout1d({ rate })).toThrow(new RegExp(`'rate' must be a number in \\[0, 1\\), found ${rate}`));
    }
    expect(() => st.layers.spatialDropout2d({ rate: 0.1, dataFormat: 'nhwc' as 'channels_last' })).toThrow(/dataFormat/);
    expect(() => st.layers.spatialDropout3d({ rate: 0.1, seed: 1.5 })).toThrow(/'seed' must be an integer/);
  });

  it('refuses an input of the wrong rank', () => {
    const x = tf.zeros([2, 3]);
    expect(() => st.layers.spatialDropout1d({ rate: 0.5 }).apply(x)).toThrow(/expected rank 3, found rank 2/);
    expect(() => st.layers.spatialDropout2d({ rate: 0.5 }).apply(x)).toThrow(/expected rank 4/);
    x.dispose();
  });
});
