import { describe, expect, it } from 'vitest';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  computeFans,
  type Initializer,
} from '../../src/initializers/index.js';
import { ValueError } from '../../src/errors.js';
import { draw, expectMoments, values } from './helpers.js';

// Std of a unit normal truncated to [-2, 2], from the density: 1 - 2*2*phi(2) / P(|Z| < 2),
// with P(|Z| < 2) = erf(sqrt 2) = 0.9544997361036416 (the "95.45 %" of the 2-sigma rule).
const TRUNC_STD = Math.sqrt(1 - (4 * Math.exp(-2)) / Math.sqrt(2 * Math.PI) / 0.9544997361036416);

describe('computeFans (Keras rules)', () => {
  it('handles scalars, vectors, dense and conv kernels', () => {
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
    expect(computeFans([3, 5])).toEqual({ fanIn: 3, fanOut: 5 });
    // Conv2D kernel [kh, kw, in, out]: receptive field 3*3.
    expect(computeFans([3, 3, 4, 8])).toEqual({ fanIn: 36, fanOut: 72 });
    // Rank 5 (Conv3D): receptive field 2*3*4 = 24.
    expect(computeFans([2, 3, 4, 5, 6])).toEqual({ fanIn: 120, fanOut: 144 });
  });
});

describe('fixed-distribution initializers', () => {
  it('RandomNormal has the requested mean and stddev', () => {
    const s = draw(new RandomNormal({ mean: 1, stddev: 2, seed: 3 }), [100, 100]);
    expectMoments(s, 1, 2);
  });

  it('RandomUniform stays in [minval, maxval) with the uniform moments', () => {
    const s = draw(new RandomUniform({ minval: -1, maxval: 3, seed: 4 }), [100, 100]);
    expect(s.min).toBeGreaterThanOrEqual(-1);
    expect(s.max).toBeLessThan(3);
    expect(s.min).toBeLessThan(-0.99);
    expect(s.max).toBeGreaterThan(2.99);
    expectMoments(s, 1, 4 / Math.sqrt(12));
  });

  it('TruncatedNormal stays within two stddevs and has the truncated std', () => {
    const s = draw(new TruncatedNormal({ mean: 0.5, stddev: 2, seed: 5 }), [100, 100]);
    expect(s.min).toBeGreaterThanOrEqual(0.5 - 4 - 1e-5);
    expect(s.max).toBeLessThanOrEqual(0.5 + 4 + 1e-5);
    expectMoments(s, 0.5, 2 * TRUNC_STD);
  });

  it('defaults follow Keras (stddev 0.05, range ±0.05)', () => {
    expectMoments(draw(new RandomNormal({ seed: 1 }), [100, 100]), 0, 0.05);
    const u = draw(new RandomUniform({ seed: 1 }), [100, 100]);
    expect(u.min).toBeGreaterThanOrEqual(-0.05);
    expect(u.max).toBeLessThan(0.05);
  });
});

describe('VarianceScaling', () => {
  // [200, 50]: fanIn 200, fanOut 50, fanAvg 125; 10,000 samples.
  const shape = [200, 50];

  it('uniform, fan_in: limit sqrt(3 scale / fanIn)', () => {
    const limit = Math.sqrt((3 * 2) / 200);
    const s = draw(new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'uniform', seed: 7 }), shape);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.max).toBeGreaterThan(0.99 * limit);
    expectMoments(s, 0, limit / Math.sqrt(3));
  });

  it('truncated_normal, fan_out: std after truncation is sqrt(scale / fanOut)', () => {
    const std = Math.sqrt(1 / 50);
    const s = draw(new VarianceScaling({ mode: 'fan_out', distribution: 'truncated_normal', seed: 8 }), shape);
    // Truncation at two stddevs of the corrected (pre-truncation) normal.
    const bound = (2 * std) / TRUNC_STD;
    expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expectMoments(s, 0, std);
  });

  it('untruncated_normal, fan_avg: std sqrt(scale / fanAvg), with tails past the truncation bound', () => {
    const std = Math.sqrt(0.5 / 125);
    const s = draw(
      new VarianceScaling({ scale: 0.5, mode: 'fan_avg', distribution: 'untruncated_normal', seed: 9 }),
      shape,
    );
    expectMoments(s, 0, std);
    const beyond = s.values.filter((v) => Math.abs(v) > (2 * std) / TRUNC_STD).length;
    expect(beyond).toBeGreaterThan(50); // ~2.3% of 10,000 for a normal
  });

  it("defaults to scale 1, 'fan_in', 'truncated_normal' (Keras 3)", () => {
    const init = new VarianceScaling();
    expect(init.getConfig()).toEqual({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null });
  });

  it("accepts tfjs spellings and stores Keras' ('fanAvg' -> 'fan_avg', 'normal' -> 'truncated_normal')", () => {
    const init = new VarianceScaling({ mode: 'fanAvg', distribution: 'normal' });
    expect(init.mode).toBe('fan_avg');
    expect(init.distribution).toBe('truncated_normal');
    expect(new VarianceScaling({ mode: 'fanOut', distribution: 'untruncatedNormal' }).getConfig()).toMatchObject({
      mode: 'fan_out',
      distribution: 'untruncated_normal',
    });
    expect(new VarianceScaling({ distribution: 'truncatedNormal' }).distribution).toBe('truncated_normal');
  });

  it('treats fans below 1 as 1', () => {
    // A [0, 4] kernel has fanIn 0; Keras divides by max(1, n).
    expect(new VarianceScaling({ scale: 3 }).variance([0, 4])).toBe(3);
  });
});

describe('named VarianceScaling presets', () => {
  const dense = [100, 100]; // fanIn = fanOut = 100
  const conv = [5, 5, 16, 32]; // fanIn 400, fanOut 800

  const uniformCases: [string, Initializer, number[], number][] = [
    ['GlorotUniform', new GlorotUniform({ seed: 11 }), dense, Math.sqrt(6 / 200)],
    ['HeUniform', new HeUniform({ seed: 12 }), conv, Math.sqrt(6 / 400)],
    ['LecunUniform', new LecunUniform({ seed: 13 }), conv, Math.sqrt(3 / 400)],
  ];
  for (const [name, init, shape, limit] of uniformCases) {
    it(`${name}: uniform in ±${limit.toFixed(4)}`, () => {
      const s = draw(init, shape);
      expect(s.min).toBeGreaterThanOrEqual(-limit);
      expect(s.max).toBeLessThanOrEqual(limit);
      expect(s.max).toBeGreaterThan(0.99 * limit);
      expectMoments(s, 0, limit / Math.sqrt(3));
    });
  }

  const normalCases: [string, Initializer, number[], number][] = [
    ['GlorotNormal', new GlorotNormal({ seed: 14 }), dense, Math.sqrt(2 / 200)],
    ['HeNormal', new HeNormal({ seed: 15 }), conv, Math.sqrt(2 / 400)],
    ['LecunNormal', new LecunNormal({ seed: 16 }), conv, Math.sqrt(1 / 400)],
  ];
  for (const [name, init, shape, std] of normalCases) {
    it(`${name}: truncated normal with std ${std.toFixed(4)}`, () => {
      const s = draw(init, shape);
      expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(((2 * std) / TRUNC_STD) * (1 + 1e-6));
      expectMoments(s, 0, std);
    });
  }
});

describe('seeds', () => {
  const make: [string, (seed?: number) => Initializer][] = [
    ['RandomNormal', (seed) => new RandomNormal({ seed })],
    ['RandomUniform', (seed) => new RandomUniform({ seed })],
    ['TruncatedNormal', (seed) => new TruncatedNormal({ seed })],
    ['VarianceScaling', (seed) => new VarianceScaling({ distribution: 'untruncated_normal', seed })],
    ['GlorotUniform', (seed) => new GlorotUniform({ seed })],
    ['HeNormal', (seed) => new HeNormal({ seed })],
  ];
  for (const [name, factory] of make) {
    it(`${name}: same seed, same values; other seed or no seed, other values`, () => {
      const a = values(factory(42), [4, 5]);
      expect(values(factory(42), [4, 5])).toEqual(a);
      const seeded = factory(42);
      expect(values(seeded, [4, 5])).toEqual(values(seeded, [4, 5]));
      expect(values(factory(43), [4, 5])).not.toEqual(a);
      const unseeded = factory();
      expect(values(unseeded, [4, 5])).not.toEqual(values(unseeded, [4, 5]));
    });
  }
});

describe('argument checks', () => {
  it('rejects a negative stddev, naming it', () => {
    expect(() => new RandomNormal({ stddev: -1 })).toThrow(ValueError);
    expect(() => new RandomNormal({ stddev: -1 })).toThrow(/RandomNormal.*'stddev'.*-1/);
    expect(() => new TruncatedNormal({ stddev: -0.5 })).toThrow(/TruncatedNormal.*'stddev'/);
  });

  it('rejects scale <= 0, naming it and the class', () => {
    expect(() => new VarianceScaling({ scale: 0 })).toThrow(/VarianceScaling.*'scale'.*> 0.*0/);
    expect(() => new VarianceScaling({ scale: -2 })).toThrow(ValueError);
  });

  it('rejects unknown modes and distributions, listing the valid ones', () => {
    const badMode = () => new VarianceScaling({ mode: 'fan_sum' as 'fan_in' });
    expect(badMode).toThrow(ValueError);
    expect(badMode).toThrow(/'mode'.*fan_in.*fan_avg.*"fan_sum"/);
    const badDist = () => new VarianceScaling({ distribution: 'gamma' as 'uniform' });
    expect(badDist).toThrow(/'distribution'.*truncated_normal.*uniform.*"gamma"/);
  });

  it('rejects minval > maxval, non-numeric arguments and seeds', () => {
    expect(() => new RandomUniform({ minval: 1, maxval: 0 })).toThrow(/'minval'.*'maxval'/);
    expect(() => new RandomNormal({ mean: 'x' as unknown as number })).toThrow(/'mean'.*"x"/);
    expect(() => new HeNormal({ seed: 'abc' as unknown as number })).toThrow(/HeNormal.*'seed'/);
  });

  it('rejects non-float dtypes and bad shapes', () => {
    expect(() => new GlorotUniform().apply([2, 2], 'int32')).toThrow(/GlorotUniform.*'float32'.*'int32'/);
    expect(() => new RandomNormal().apply([2, -1])).toThrow(/RandomNormal.*\[2, -1\]/);
  });
});
