import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../src/random.js';

describe('SeededRandom', () => {
  it('repeats for a seed, differs across seeds (including seeds that agree in the low 32 bits)', () => {
    const draw = (seed: number) => {
      const rng = new SeededRandom(seed);
      return Array.from({ length: 8 }, () => rng.uniform());
    };
    expect(draw(123)).toEqual(draw(123));
    expect(draw(123)).not.toEqual(draw(124));
    expect(draw(1)).not.toEqual(draw(2 ** 32 + 1));
    expect(draw(-1)).not.toEqual(draw(1));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new SeededRandom(7);
    const u = Array.from({ length: 20_000 }, () => rng.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const mean = u.reduce((a, b) => a + b, 0) / u.length;
    const variance = u.reduce((a, v) => a + (v - mean) ** 2, 0) / u.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.003);
  });

  it('draws standard normals: mean 0, variance 1, ~68% within one sigma', () => {
    const rng = new SeededRandom(8);
    const z = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, v) => a + (v - mean) ** 2, 0) / z.length;
    const within = z.filter((v) => Math.abs(v) < 1).length / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.015);
  });

  it('permutes 0..n-1 and moves most elements', () => {
    const order = new SeededRandom(3).permutation(1000);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const fixedPoints = order.filter((v, i) => v === i).length;
    expect(fixedPoints).toBeLessThan(10); // a random permutation has 1 fixed point on average
  });
});
