import { describe, expect, it } from 'vitest';
import { tf, ValueError } from 'strata';
import { makeMoons } from '../src/moons.js';
import { makeSpirals } from '../src/spirals.js';
import { makeXor } from '../src/xor.js';
import type { ToyDataset } from '../src/toy-common.js';

function points(d: ToyDataset): [number, number][] {
  const flat = d.xs.dataSync();
  return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
}

function classCounts(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function expectSame(a: ToyDataset, b: ToyDataset): void {
  expect(Array.from(a.xs.dataSync())).toEqual(Array.from(b.xs.dataSync()));
  expect(Array.from(a.ys.dataSync())).toEqual(Array.from(b.ys.dataSync()));
  expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
}

function dispose(...sets: ToyDataset[]): void {
  for (const d of sets) tf.dispose([d.xs, d.ys]);
}

/** Sample standard deviation. */
function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('makeMoons', () => {
  it('returns [n, 2] points, [n, 1] 0/1 targets and balanced classes', () => {
    const d = makeMoons({ samples: 101, noise: 0.1, seed: 3 });
    expect(d.xs.shape).toEqual([101, 2]);
    expect(d.xs.dtype).toBe('float32');
    expect(d.ys.shape).toEqual([101, 1]);
    expect(d.ys.dtype).toBe('float32');
    expect(Array.from(d.ys.dataSync())).toEqual(Array.from(d.labels));
    expect(classCounts(d.labels, 2)).toEqual([50, 51]);
    // Shuffled: the first 50 rows are not all class 0.
    expect(new Set(d.labels.slice(0, 50)).size).toBe(2);
    dispose(d);
  });

  it('puts noiseless points on the two half circles, covering each arc end to end', () => {
    const d = makeMoons({ samples: 200, noise: 0 });
    const pts = points(d);
    const upper = pts.filter((_, i) => d.labels[i] === 0);
    const lower = pts.filter((_, i) => d.labels[i] === 1);
    for (const [x, y] of upper) {
      expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
      expect(y).toBeGreaterThanOrEqual(-1e-6);
    }
    for (const [x, y] of lower) {
      expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 5);
      expect(y).toBeLessThanOrEqual(0.5 + 1e-6);
    }
    expect(Math.min(...upper.map((p) => p[0]))).toBeCloseTo(-1, 5);
    expect(Math.max(...upper.map((p) => p[0]))).toBeCloseTo(1, 5);
    expect(Math.min(...lower.map((p) => p[0]))).toBeCloseTo(0, 5);
    expect(Math.max(...lower.map((p) => p[0]))).toBeCloseTo(2, 5);
    dispose(d);
  });

  it('adds Gaussian noise with the requested spread', () => {
    // Radial residuals of the upper moon are ~ N(0, noise²) when noise is small.
    const d = makeMoons({ samples: 4000, noise: 0.05, seed: 11 });
    const residuals = points(d)
      .filter((_, i) => d.labels[i] === 0)
      .map(([x, y]) => Math.hypot(x, y) - 1);
    expect(std(residuals)).toBeGreaterThan(0.045);
    expect(std(residuals)).toBeLessThan(0.055);
    dispose(d);
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = makeMoons({ samples: 50, noise: 0.2, seed: 42 });
    const b = makeMoons({ samples: 50, noise: 0.2, seed: 42 });
    const c = makeMoons({ samples: 50, noise: 0.2, seed: 43 });
    expectSame(a, b);
    expect(Array.from(c.xs.dataSync())).not.toEqual(Array.from(a.xs.dataSync()));
    expectSame(makeMoons(), makeMoons({ samples: 100, noise: 0, seed: 0 }));
    dispose(a, b, c);
  });
});

describe('makeXor', () => {
  it('labels by sign(x)·sign(y) = -1 and keeps clean points inside [-1, 1]² off the axes', () => {
    const d = makeXor({ samples: 400, noise: 0, seed: 5 });
    expect(d.xs.shape).toEqual([400, 2]);
    expect(d.ys.shape).toEqual([400, 1]);
    expect(Array.from(d.ys.dataSync())).toEqual(Array.from(d.labels));
    points(d).forEach(([x, y], i) => {
      expect(x).not.toBe(0);
      expect(y).not.toBe(0);
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
      expect(Math.abs(y)).toBeLessThanOrEqual(1);
      expect(d.labels[i]).toBe(Math.sign(x) * Math.sign(y) < 0 ? 1 : 0);
    });
    dispose(d);
  });

  it('balances the quadrants and the classes', () => {
    const d = makeXor({ samples: 203, seed: 9 });
    expect(classCounts(d.labels, 2)).toEqual([102, 101]); // quadrants 51, 51, 51, 50 → (+,+)+(-,-) vs rest
    const quadrants = new Map<string, number>();
    for (const [x, y] of points(d)) {
      const key = `${Math.sign(x)},${Math.sign(y)}`;
      quadrants.set(key, (quadrants.get(key) ?? 0) + 1);
    }
    expect([...quadrants.values()].sort()).toEqual([50, 51, 51, 51]);
    dispose(d);
  });

  it('noise moves points but not labels; same seed, same data', () => {
    const clean = makeXor({ samples: 1000, noise: 0, seed: 1 });
    const noisy = makeXor({ samples: 1000, noise: 0.5, seed: 1 });
    const again = makeXor({ samples: 1000, noise: 0.5, seed: 1 });
    expectSame(noisy, again);
    // With σ = 0.5 some points cross an axis, so the sign rule no longer holds for all of them.
    const violations = points(noisy).filter(([x, y], i) => (x * y < 0 ? 1 : 0) !== noisy.labels[i]).length;
    expect(violations).toBeGreaterThan(50);
    expect(violations).toBeLessThan(500);
    expect(classCounts(noisy.labels, 2)).toEqual([500, 500]);
    dispose(clean, noisy, again);
  });
});

describe('makeSpirals', () => {
  it('returns one-hot targets and near-equal classes', () => {
    const d = makeSpirals({ samples: 302, classes: 3, noise: 0.1, seed: 2 });
    expect(d.xs.shape).toEqual([302, 2]);
    expect(d.ys.shape).toEqual([302, 3]);
    expect(d.ys.dtype).toBe('float32');
    expect(classCounts(d.labels, 3)).toEqual([101, 101, 100]);
    const hot = d.ys.dataSync();
    d.labels.forEach((label, i) => {
      const row = Array.from(hot.subarray(3 * i, 3 * i + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      expect(row[label]).toBe(1);
    });
    dispose(d);
  });

  it('puts noiseless points on their arm: angle = 2π(class/classes + r), 0 < r <= 1', () => {
    const classes = 4;
    const d = makeSpirals({ samples: 200, classes, noise: 0, seed: 8 });
    const radii: number[] = [];
    points(d).forEach(([x, y], i) => {
      const r = Math.hypot(x, y);
      radii.push(r);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      const expected = 2 * Math.PI * (d.labels[i] / classes + r);
      // Compare angles on the circle (difference wrapped to (-π, π]).
      const diff = Math.atan2(Math.sin(Math.atan2(y, x) - expected), Math.cos(Math.atan2(y, x) - expected));
      expect(Math.abs(diff)).toBeLessThan(1e-4);
    });
    expect(Math.max(...radii)).toBeCloseTo(1, 5);
    dispose(d);
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = makeSpirals({ samples: 90, classes: 3, noise: 0.05, seed: 4 });
    const b = makeSpirals({ samples: 90, classes: 3, noise: 0.05, seed: 4 });
    const c = makeSpirals({ samples: 90, classes: 3, noise: 0.05, seed: 5 });
    expectSame(a, b);
    expect(Array.from(c.xs.dataSync())).not.toEqual(Array.from(a.xs.dataSync()));
    dispose(a, b, c);
  });
});

describe('toy set errors and memory', () => {
  it('rejects bad arguments with a ValueError naming the argument and value', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => makeMoons({ samples: 0 }), /makeMoons: samples .*got 0/],
      [() => makeMoons({ samples: -3 }), /samples .*got -3/],
      [() => makeMoons({ samples: 2.5 }), /samples .*got 2\.5/],
      [() => makeMoons({ noise: -0.1 }), /noise .*got -0\.1/],
      [() => makeMoons({ seed: 0.5 }), /seed .*got 0\.5/],
      [() => makeXor({ samples: Number.POSITIVE_INFINITY }), /makeXor: samples .*got Infinity/],
      [() => makeXor({ noise: Number.NaN }), /noise .*got NaN/],
      [() => makeSpirals({ classes: 1 }), /makeSpirals: classes .*got 1/],
      [() => makeSpirals({ classes: 2.5 }), /classes .*got 2\.5/],
      [() => makeSpirals({ samples: 2, classes: 3 }), /samples .*>= 3.*got 2/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(ValueError);
      expect(call).toThrow(message);
    }
  });

  it('creates exactly two tensors per set, disposed with no leak', () => {
    const before = tf.memory().numTensors;
    const sets = [makeMoons({ noise: 0.1 }), makeXor({ noise: 0.1 }), makeSpirals({ noise: 0.1 })];
    expect(tf.memory().numTensors).toBe(before + 6);
    dispose(...sets);
    expect(tf.memory().numTensors).toBe(before);
  });
});
