import { describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { Constant, Identity, Ones, Orthogonal, Zeros } from '../../src/initializers/index.js';
import { ValueError } from '../../src/errors.js';
import { draw, values } from './helpers.js';

describe('constant initializers', () => {
  it('Zeros and Ones fill, in the requested dtype', () => {
    expect(values(new Zeros(), [2, 3])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(values(new Ones(), [3])).toEqual([1, 1, 1]);
    const t = new Zeros().apply([2], 'int32');
    expect(t.dtype).toBe('int32');
    t.dispose();
  });

  it('Constant fills with its value (default 0, as Keras 3)', () => {
    expect(values(new Constant({ value: 2.5 }), [2, 2])).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(values(new Constant(), [2])).toEqual([0, 0]);
    expect(() => new Constant({ value: 'x' as unknown as number })).toThrow(/Constant.*'value'/);
  });

  it('Identity gives gain * I, rectangular as in Keras 3', () => {
    expect(values(new Identity({ gain: 2 }), [3, 3])).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(values(new Identity(), [2, 4])).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
    expect(values(new Identity(), [3, 2])).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('Identity rejects shapes that are not 2D, naming the shape', () => {
    expect(() => new Identity().apply([2, 2, 2])).toThrow(ValueError);
    expect(() => new Identity().apply([4])).toThrow(/Identity.*'shape'.*\[4\].*rank 1/);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    for (const init of [new Zeros(), new Ones(), new Constant({ value: 1 }), new Identity({ gain: 3 })]) {
      init.apply([3, 3]).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** G = M^T M (columns) or M M^T (rows) of a row-major [rows, cols] matrix, in float64. */
function gram(v: ArrayLike<number>, rows: number, cols: number, of: 'columns' | 'rows'): number[][] {
  const k = of === 'columns' ? cols : rows;
  const len = of === 'columns' ? rows : cols;
  const at = (i: number, j: number) => (of === 'columns' ? v[j * cols + i] : v[i * cols + j]);
  const g: number[][] = [];
  for (let a = 0; a < k; a++) {
    g.push([]);
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let t = 0; t < len; t++) s += at(a, t) * at(b, t);
      g[a].push(s);
    }
  }
  return g;
}

function expectScaledIdentity(g: number[][], diag: number, tol: number): void {
  for (let a = 0; a < g.length; a++) {
    for (let b = 0; b < g.length; b++) {
      expect(Math.abs(g[a][b] - (a === b ? diag : 0)), `[${a}][${b}] = ${g[a][b]}`).toBeLessThan(tol);
    }
  }
}

describe('Orthogonal', () => {
  it('tall matrix: orthonormal columns times gain (Q^T Q = gain^2 I)', () => {
    const s = draw(new Orthogonal({ gain: 1.5, seed: 1 }), [6, 4]);
    expectScaledIdentity(gram(s.values, 6, 4, 'columns'), 2.25, 1e-5);
  });

  it('wide matrix: orthonormal rows (Q Q^T = I)', () => {
    const s = draw(new Orthogonal({ seed: 2 }), [4, 6]);
    expectScaledIdentity(gram(s.values, 4, 6, 'rows'), 1, 1e-5);
  });

  it('square matrix: orthogonal both ways', () => {
    const s = draw(new Orthogonal({ seed: 3 }), [5, 5]);
    expectScaledIdentity(gram(s.values, 5, 5, 'rows'), 1, 1e-5);
    expectScaledIdentity(gram(s.values, 5, 5, 'columns'), 1, 1e-5);
  });

  it('conv kernel: flattened to [kh*kw*in, out] with orthonormal columns', () => {
    const s = draw(new Orthogonal({ seed: 4 }), [3, 3, 4, 8]);
    expectScaledIdentity(gram(s.values, 36, 8, 'columns'), 1, 1e-5);
  });

  it('a larger recurrent kernel [64, 256] has orthonormal rows', () => {
    const s = draw(new Orthogonal({ seed: 5 }), [64, 256]);
    expectScaledIdentity(gram(s.values, 64, 256, 'rows'), 1, 1e-4);
  });

  it('is reproducible with a seed, and differs without one', () => {
    expect(values(new Orthogonal({ seed: 9 }), [4, 3])).toEqual(values(new Orthogonal({ seed: 9 }), [4, 3]));
    expect(values(new Orthogonal({ seed: 9 }), [4, 3])).not.toEqual(values(new Orthogonal({ seed: 10 }), [4, 3]));
    const unseeded = new Orthogonal();
    expect(values(unseeded, [4, 3])).not.toEqual(values(unseeded, [4, 3]));
  });

  it('rejects rank < 2, naming the shape', () => {
    expect(() => new Orthogonal().apply([5])).toThrow(ValueError);
    expect(() => new Orthogonal().apply([5])).toThrow(/Orthogonal.*'shape'.*rank >= 2.*\[5\]/);
  });
});
