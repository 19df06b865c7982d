// The kernels Strata composes for wasm from wasm's own kernels (depthwise-conv gradients, Einsum,
// UnsortedSegmentSum): values against loops worked in plain JS, and proof that they run on wasm
// (the cpu backend receives no data while they run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { useBackend } from '../../src/backend/index.js';
import { cpuKernelBackend } from '../../src/backend/cpu-backend.js';

const TOL = 1e-4;

function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/**
 * Runs `f` on wasm, counting writes into the cpu backend meanwhile (a bridged kernel writes its
 * inputs there); returns the results as arrays. Checks nothing is left behind.
 */
function onWasm(f: () => tf.Tensor[]): { out: number[][]; cpuWrites: number } {
  const cpu = cpuKernelBackend();
  const write = cpu.write.bind(cpu);
  let cpuWrites = 0;
  cpu.write = (...args: Parameters<typeof cpu.write>) => {
    cpuWrites++;
    return write(...args);
  };
  const before = [tf.memory().numTensors, tf.engine().findBackend('wasm').numDataIds()];
  try {
    const result = tf.tidy(() => {
      const outs = f();
      expect(tf.getBackend()).toBe('wasm');
      return outs;
    });
    const out = result.map((t) => Array.from(t.dataSync()));
    tf.dispose(result);
    expect([tf.memory().numTensors, tf.engine().findBackend('wasm').numDataIds()]).toEqual(before);
    return { out, cpuWrites };
  } finally {
    cpu.write = write;
  }
}

beforeAll(async () => {
  await useBackend('wasm');
});

afterAll(async () => {
  await useBackend('cpu'); // other test files assume cpu
});

describe('depthwise conv2d gradients composed on wasm', () => {
  type Case = { H: number; C: number; M: number; K: number; stride: number; dilation: number; pad: 'same' | 'valid' };
  const cases: Case[] = [
    { H: 5, C: 2, M: 1, K: 3, stride: 2, dilation: 1, pad: 'same' },
    { H: 6, C: 3, M: 2, K: 2, stride: 1, dilation: 1, pad: 'same' }, // tfjs has no gradient for dilation > 1
    { H: 7, C: 2, M: 3, K: 3, stride: 2, dilation: 1, pad: 'valid' },
    { H: 4, C: 1, M: 1, K: 1, stride: 1, dilation: 1, pad: 'valid' },
  ];
  for (const c of cases) {
    it(`H=${c.H} C=${c.C} M=${c.M} K=${c.K} stride=${c.stride} dilation=${c.dilation} ${c.pad}: matches hand-computed gradients`, () => {
      const { H, C, M, K, stride, dilation, pad } = c;
      const N = 2;
      const span = (K - 1) * dilation + 1;
      const O = pad === 'same' ? Math.ceil(H / stride) : Math.floor((H - span) / stride) + 1;
      const top = pad === 'same' ? Math.floor(Math.max((O - 1) * stride + span - H, 0) / 2) : 0;
      const xv = values(N * H * H * C, 21);
      const wv = values(K * K * C * M, 22);
      const rv = values(N * O * O * C * M, 23);
      const handDw = new Array<number>(wv.length).fill(0);
      const handDx = new Array<number>(xv.length).fill(0);
      // y[n,i,j,c*M+m] = Σ_ab x[n, i*s + a*d - top, j*s + b*d - top, c] · w[a,b,c,m]; dL/dy = r.
      for (let n = 0; n < N; n++) for (let i = 0; i < O; i++) for (let j = 0; j < O; j++) {
        for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
          const h = i * stride + a * dilation - top;
          const v = j * stride + b * dilation - top;
          if (h < 0 || v < 0 || h >= H || v >= H) continue;
          for (let ch = 0; ch < C; ch++) for (let m = 0; m < M; m++) {
            const r = rv[((n * O + i) * O + j) * C * M + ch * M + m]!;
            const xIdx = ((n * H + h) * H + v) * C + ch;
            const wIdx = ((a * K + b) * C + ch) * M + m;
            handDw[wIdx]! += xv[xIdx]! * r;
            handDx[xIdx]! += wv[wIdx]! * r;
          }
        }
      }
      const { out, cpuWrites } = onWasm(() => {
        const r = tf.tensor4d(rv, [N, O, O, C * M]);
        const loss = (x: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.mul(tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad, 'NHWC', dilation), r));
        return tf.grads(loss)([tf.tensor4d(xv, [N, H, H, C]), tf.tensor4d(wv, [K, K, C, M])]);
      });
      expect(cpuWrites).toBe(0);
      expect(maxAbsDiff(out[0]!, handDx)).toBeLessThan(TOL);
      expect(maxAbsDiff(out[1]!, handDw)).toBeLessThan(TOL);
    });
  }
});

describe('einsum composed on wasm', () => {
  /** Plain-JS einsum over explicit index loops (two operands or one). */
  function handEinsum(eq: string, operands: Array<{ v: number[]; shape: number[] }>): number[] {
    const [lhs, out] = eq.split('->') as [string, string];
    const terms = lhs.split(',');
    const size = new Map<string, number>();
    terms.forEach((t, k) => [...t].forEach((ch, ax) => size.set(ch, operands[k]!.shape[ax]!)));
    const letters = [...size.keys()];
    const result = new Array<number>([...out].reduce((p, ch) => p * size.get(ch)!, 1)).fill(0);
    const index = new Map<string, number>();
    const flat = (term: string, shape: number[]) => [...term].reduce((p, ch, ax) => p * shape[ax]! + index.get(ch)!, 0);
    const visit = (d: number): void => {
      if (d === letters.length) {
        let prod = 1;
        terms.forEach((t, k) => (prod *= operands[k]!.v[flat(t, operands[k]!.shape)]!));
        result[flat(out, [...out].map((ch) => size.get(ch)!))]! += prod;
        return;
      }
      for (let i = 0; i < size.get(letters[d]!)!; i++) {
        index.set(letters[d]!, i);
        visit(d + 1);
      }
    };
    visit(0);
    return result;
  }

  const cases: Array<[string, number[][]]> = [
    ['ij,jk->ik', [[3, 4], [4, 5]]],
    ['bij,bjk->bik', [[2, 3, 4], [2, 4, 2]]],
    ['abc,cd->abd', [[2, 3, 4], [4, 5]]],
    ['bqhd,bkhd->bhqk', [[2, 3, 2, 4], [2, 5, 2, 4]]],
    ['ij->ji', [[3, 4]]],
    ['ij->i', [[3, 4]]],
    ['i,j->ij', [[3], [4]]],
    ['ij,ij->', [[3, 4], [3, 4]]],
  ];
  for (const [eq, shapes] of cases) {
    it(`${eq} matches the index loops, on wasm`, () => {
      const operands = shapes.map((shape, k) => ({ shape, v: values(shape.reduce((p, d) => p * d, 1), 31 + k) }));
      const hand = handEinsum(eq, operands);
      const { out, cpuWrites } = onWasm(() => [tf.einsum(eq, ...operands.map((o) => tf.tensor(o.v, o.shape)))]);
      expect(cpuWrites).toBe(0);
      expect(maxAbsDiff(out[0]!, hand)).toBeLessThan(TOL);
    });
  }
});

describe('unsortedSegmentSum composed on wasm', () => {
  it('adds the rows of each segment (the gather/Embedding gradient), on wasm', () => {
    const x = values(5 * 3, 41);
    const ids = [2, 0, 2, 3, 0];
    const hand = new Array<number>(4 * 3).fill(0);
    ids.forEach((s, i) => {
      for (let k = 0; k < 3; k++) hand[s * 3 + k]! += x[i * 3 + k]!;
    });
    const { out, cpuWrites } = onWasm(() => [tf.unsortedSegmentSum(tf.tensor2d(x, [5, 3]), tf.tensor1d(ids, 'int32'), 4)]);
    expect(cpuWrites).toBe(0);
    expect(maxAbsDiff(out[0]!, hand)).toBeLessThan(TOL);
  });

  it('drops segment ids out of range, as TensorFlow does (through the cpu kernel)', () => {
    const x = [1, 2, 3, 4];
    const { out } = onWasm(() => [tf.unsortedSegmentSum(tf.tensor1d(x), tf.tensor1d([1, 5, 1, 0], 'int32'), 2)]);
    expect(out[0]).toEqual([4, 1 + 3]);
  });
});
