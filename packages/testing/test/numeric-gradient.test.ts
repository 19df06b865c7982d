import { describe, expect, it } from 'vitest';
import { differences, judge, sampleIndices, seededRandom, randomValues } from '@strata/testing';

/** Runs `differences` on a scalar JS function of one variable. */
function diffOf(fn: (x: number) => number, x0: number, eps = 1e-2) {
  let x = x0;
  return differences(() => fn(x), (v) => (x = v), x0, fn(x0), eps);
}

describe('finite differences', () => {
  it('central differences of x^3 at 2 are 12 + eps^2 (exact for a cubic)', () => {
    const d = diffOf((x) => x ** 3, 2);
    // The steps are float32-rounded, so compare with a little slack around 12.0001.
    expect(d.central).toBeCloseTo(12.0001, 3);
    expect(d.forward).toBeGreaterThan(12); // convex: forward > derivative > backward
    expect(d.backward).toBeLessThan(12);
  });

  it('a kink closer than eps: the central difference is off, a one-sided one is exact', () => {
    // |x| at 0.004: derivative 1; the central difference sees the kink at 0.
    const d = diffOf(Math.abs, 0.004);
    expect(Math.abs(d.central - 1)).toBeGreaterThan(0.5);
    expect(d.forward).toBeCloseTo(1, 5);
    expect(judge(1, d, { atol: 1e-3, rtol: 2e-2 })).toBe('one-sided');
    // A wrong derivative is still a mismatch.
    expect(judge(-1, diffOf(Math.abs, 0.5), { atol: 1e-3, rtol: 2e-2 })).toBe('mismatch');
    expect(judge(2, diffOf(Math.abs, 0.004), { atol: 1e-3, rtol: 2e-2 })).toBe('mismatch');
  });

  it('judge accepts the derivative of a smooth function through the central difference', () => {
    expect(judge(Math.cos(0.3), diffOf(Math.sin, 0.3), { atol: 1e-3, rtol: 2e-2 })).toBe('central');
  });

  it('sampleIndices spreads evenly and never repeats', () => {
    expect(sampleIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const picked = sampleIndices(100, 8);
    expect(picked).toEqual([0, 12, 25, 37, 50, 62, 75, 87]);
  });
});

describe('seeded random data', () => {
  it('is deterministic for a seed, different across seeds, and inside the range', () => {
    expect(Array.from(randomValues(5, 3))).toEqual(Array.from(randomValues(5, 3)));
    expect(Array.from(randomValues(5, 3))).not.toEqual(Array.from(randomValues(5, 4)));
    const v = randomValues(1000, 9, [2, 5]);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...v)).toBeLessThan(5);
    const next = seededRandom(1);
    const mean = Array.from({ length: 10000 }, next).reduce((a, b) => a + b, 0) / 10000;
    expect(mean).toBeCloseTo(0.5, 1);
  });
});
