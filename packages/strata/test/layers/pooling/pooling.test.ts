// MaxPooling / AveragePooling / LPPooling (1-D to 3-D): every harness check, outputs against
// the plain-JS window reference (padding 'same' ignores the padded positions; Lp pooling is
// (Σ |x|^p)^(1/p) over the window), config defaults and bad configs.
import { beforeAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { runRefCase } from '../convolutional/ref-case.js';
import { permuteChannels, pool, type Flat, type PoolKind } from '../convolutional/reference.js';

beforeAll(async () => {
  await st.useBackend('cpu');
});

type PoolCase = { kernel: number[]; strides?: number[]; padding?: 'valid' | 'same'; channelsFirst?: boolean };
const pooled = (kind: PoolKind, c: PoolCase) => (x: Flat) =>
  c.channelsFirst
    ? permuteChannels(pool(permuteChannels(x, false), { kernel: c.kernel, strides: c.strides, padding: c.padding }, kind), true)
    : pool(x, { kernel: c.kernel, strides: c.strides, padding: c.padding }, kind);

// ---- max and average, every rank ----------------------------------------------------------

const windowCases: Array<{ label: string; args: st.layers.PoolingArgs; inputShape: number[]; ref: PoolCase }> = [
  { label: '1d default (pool 2)', args: {}, inputShape: [2, 7, 2], ref: { kernel: [2] } },
  { label: '1d pool 3, strides 2, same', args: { poolSize: 3, strides: 2, padding: 'same' }, inputShape: [2, 7, 2], ref: { kernel: [3], strides: [2], padding: 'same' } },
  { label: '1d channels-first', args: { poolSize: 2, dataFormat: 'channelsFirst' }, inputShape: [2, 3, 6], ref: { kernel: [2], channelsFirst: true } },
  { label: '2d default (pool [2, 2])', args: {}, inputShape: [2, 4, 5, 2], ref: { kernel: [2, 2] } },
  { label: '2d pool [3, 2], strides 1, same (overlapping)', args: { poolSize: [3, 2], strides: 1, padding: 'same' }, inputShape: [2, 4, 4, 2], ref: { kernel: [3, 2], strides: [1, 1], padding: 'same' } },
  { label: '2d channels-first, strides [1, 2]', args: { poolSize: 2, strides: [1, 2], dataFormat: 'channels_first' }, inputShape: [2, 2, 4, 5], ref: { kernel: [2, 2], strides: [1, 2], channelsFirst: true } },
  { label: '3d default (pool [2, 2, 2])', args: {}, inputShape: [2, 4, 4, 5, 1], ref: { kernel: [2, 2, 2] } },
  { label: '3d pool 2, strides 1, same', args: { poolSize: 2, strides: 1, padding: 'same' }, inputShape: [2, 3, 3, 3, 2], ref: { kernel: [2, 2, 2], strides: [1, 1, 1], padding: 'same' } },
  { label: '3d channels-first', args: { poolSize: [1, 2, 2], dataFormat: 'channelsFirst' }, inputShape: [2, 2, 2, 4, 4], ref: { kernel: [1, 2, 2], channelsFirst: true } },
];

const factories = {
  max: [st.layers.maxPooling1d, st.layers.maxPooling2d, st.layers.maxPooling3d],
  avg: [st.layers.averagePooling1d, st.layers.averagePooling2d, st.layers.averagePooling3d],
} as const;

for (const kind of ['max', 'avg'] as const) {
  for (const c of windowCases) {
    const make = factories[kind][c.inputShape.length - 3];
    runRefCase({
      name: `${kind === 'max' ? 'maxPooling' : 'averagePooling'}${c.label}`,
      make: () => make(c.args),
      inputShape: c.inputShape,
      weightShapes: [],
      forward: pooled(kind, c.ref),
    });
  }
}

// ---- Lp pooling (a Strata addition) -------------------------------------------------------

runRefCase({
  name: 'lpPooling2d default (p 2, pool [2, 2])',
  make: () => st.layers.lpPooling2d(),
  inputShape: [2, 4, 4, 2],
  weightShapes: [],
  forward: pooled({ p: 2 }, { kernel: [2, 2] }),
});

runRefCase({
  name: 'lpPooling2d p 3, pool 3, strides 2, same',
  make: () => st.layers.lpPooling2d({ p: 3, poolSize: 3, strides: 2, padding: 'same' }),
  inputShape: [2, 5, 4, 2],
  weightShapes: [],
  forward: pooled({ p: 3 }, { kernel: [3, 3], strides: [2, 2], padding: 'same' }),
});

runRefCase({
  name: 'lpPooling2d p 1, channels-first (sum of magnitudes)',
  make: () => st.layers.lpPooling2d({ p: 1, poolSize: [2, 3], dataFormat: 'channelsFirst' }),
  inputShape: [2, 2, 4, 6],
  weightShapes: [],
  forward: pooled({ p: 1 }, { kernel: [2, 3], channelsFirst: true }),
});

runRefCase({
  name: 'lpPooling1d p 2.5, strides 1',
  make: () => st.layers.lpPooling1d({ p: 2.5, poolSize: 3, strides: 1 }),
  inputShape: [2, 6, 2],
  weightShapes: [],
  forward: pooled({ p: 2.5 }, { kernel: [3], strides: [1] }),
});

describe('LPPooling by hand', () => {
  it('a single 2×2 window [3, -4; 0, 0] has 2-norm 5 and 1-norm 7', () => {
    const x = st.tf.tensor4d([3, -4, 0, 0], [1, 2, 2, 1]);
    for (const [p, expected] of [[2, 5], [1, 7]] as const) {
      const layer = st.layers.lpPooling2d({ p });
      const y = layer.apply(x);
      expect(y.shape).toEqual([1, 1, 1, 1]);
      expect(y.dataSync()[0]).toBeCloseTo(expected, 5);
      y.dispose();
    }
    x.dispose();
  });

  it('rejects p < 1, naming p', () => {
    expect(() => st.layers.lpPooling2d({ p: 0.5 })).toThrow(/p must be a finite number >= 1, found 0.5/);
    expect(() => st.layers.lpPooling1d({ p: Infinity })).toThrow(/p must be a finite number >= 1/);
  });
});

// ---- config and errors --------------------------------------------------------------------

describe('Pooling config and errors', () => {
  it('strides default to poolSize and are stored as tuples', () => {
    expect(st.layers.maxPooling2d({ poolSize: [3, 2] }).getConfig()).toMatchObject({
      poolSize: [3, 2],
      strides: [3, 2],
      padding: 'valid',
      dataFormat: 'channels_last',
    });
    expect(st.layers.averagePooling1d({ poolSize: 4, strides: 1 }).getConfig()).toMatchObject({ poolSize: [4], strides: [1] });
  });

  it('has the tfjs-layers aliases', () => {
    expect(st.layers.maxPool2d({})).toBeInstanceOf(st.layers.MaxPooling2D);
    expect(st.layers.avgPool1d({})).toBeInstanceOf(st.layers.AveragePooling1D);
    expect(st.layers.avgPooling3d({})).toBeInstanceOf(st.layers.AveragePooling3D);
  });

  const cases: Array<[string, () => unknown, RegExp]> = [
    ['poolSize 0', () => st.layers.maxPooling2d({ poolSize: 0 }), /poolSize must be a positive integer.*found 0/],
    ['strides 0', () => st.layers.averagePooling1d({ strides: 0 }), /strides must be a positive integer/],
    ['an unknown padding', () => st.layers.maxPooling1d({ padding: 'full' as 'same' }), /padding must be one of 'valid', 'same', found "full"/],
    ['causal padding', () => st.layers.averagePooling1d({ padding: 'causal' as 'same' }), /'causal' is only for 1-D convolutions/],
    ['an unknown dataFormat', () => st.layers.maxPooling3d({ dataFormat: 'ncdhw' as 'channelsLast' }), /dataFormat must be/],
  ];
  for (const [what, make, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(make).toThrow(st.ValueError);
      expect(make).toThrow(message);
    });
  }

  it('rejects an input of the wrong rank and an input smaller than the window', () => {
    expect(() => st.layers.maxPooling2d().apply(st.input({ shape: [4, 4] }))).toThrow(/expected rank 4, found rank 3/);
    expect(() => st.layers.maxPooling1d({ poolSize: 5 }).apply(st.input({ shape: [3, 2] }))).toThrow(/input is too small for the window/);
  });
});
