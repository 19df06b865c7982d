// The wasm backend with the cpu kernel bridge, on the real backends. Expected values are worked by
// hand in plain JS; the brief also asks that wasm agree with cpu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { bridgedKernels, kernelBridgeReport, useBackend } from '../../src/backend/index.js';
import { cpuKernelBackend } from '../../src/backend/cpu-backend.js';

const TOL = 1e-4;

/** Deterministic values in [-1, 1). */
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

/** Runs `f` on `backend` and returns its result as a plain array (no tensors left behind). */
async function on(backend: string, f: () => tf.Tensor): Promise<number[]> {
  await useBackend(backend);
  const t = tf.tidy(f);
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

function wasmDataIds(): { has(dataId: object): boolean } {
  const wasm = tf.engine().findBackend('wasm') as unknown as { dataIdMap: { has(dataId: object): boolean } };
  return wasm.dataIdMap;
}

/** Live tensors, and data held by the cpu and wasm backends. */
function counts(): [number, number, number] {
  return [tf.memory().numTensors, cpuKernelBackend().numDataIds(), tf.engine().findBackend('wasm').numDataIds()];
}

beforeAll(async () => {
  await useBackend('wasm');
});

afterAll(async () => {
  await useBackend('cpu'); // other test files assume cpu
});

describe('wasm backend', () => {
  it('bridges the kernels wasm lacks, training ones included', () => {
    const bridged = bridgedKernels();
    for (const k of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput',
      'Einsum', 'UnsortedSegmentSum']) {
      expect(bridged).toContain(k);
      expect(tf.getKernel(k, 'wasm')).toBeDefined();
    }
    // Every cpu kernel now exists on wasm, except the complex64 ones, which are listed with why.
    const report = kernelBridgeReport();
    const wasmKernels = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    const missing = tf.getKernelsForBackend('cpu').map((k) => k.kernelName).filter((k) => !wasmKernels.has(k));
    expect(missing.sort()).toEqual(report.skipped.map((s) => s.kernel).sort());
    expect(missing.sort()).toEqual(['Complex', 'ComplexAbs', 'FFT', 'IFFT', 'Imag', 'Real']);
  });

  it('matmul agrees with a hand-computed product and with cpu', async () => {
    const [m, k, n] = [24, 40, 16];
    const a = values(m * k, 1);
    const b = values(k * n, 2);
    const hand: number[] = [];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
        hand.push(s);
      }
    }
    const f = () => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n]));
    const wasm = await on('wasm', f);
    const cpu = await on('cpu', f);
    expect(maxAbsDiff(wasm, hand)).toBeLessThan(TOL);
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(TOL);
  });

  describe('conv2d gradients through the bridged Conv2DBackpropFilter', () => {
    // y = conv2d(x, w), valid, stride 1; loss = sum(y * r), so dL/dy = r.
    const [N, H, W, CI, K, CO] = [2, 5, 5, 2, 3, 3];
    const O = H - K + 1;
    const xv = values(N * H * W * CI, 3);
    const wv = values(K * K * CI * CO, 4);
    const rv = values(N * O * O * CO, 5);
    const xi = (n: number, h: number, w: number, c: number) => ((n * H + h) * W + w) * CI + c;
    const wi = (a: number, b: number, c: number, o: number) => ((a * K + b) * CI + c) * CO + o;
    const ri = (n: number, i: number, j: number, o: number) => ((n * O + i) * O + j) * CO + o;

    // dL/dw[a,b,c,o] = sum over n,i,j of x[n, i+a, j+b, c] * r[n, i, j, o]
    const handDw: number[] = [];
    for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let c = 0; c < CI; c++) for (let o = 0; o < CO; o++) {
      let s = 0;
      for (let n = 0; n < N; n++) for (let i = 0; i < O; i++) for (let j = 0; j < O; j++) {
        s += xv[xi(n, i + a, j + b, c)]! * rv[ri(n, i, j, o)]!;
      }
      handDw.push(s);
    }
    // dL/dx[n,h,w,c] = sum over a,b,o of w[a,b,c,o] * r[n, h-a, w-b, o] where in range
    const handDx: number[] = [];
    for (let n = 0; n < N; n++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < CI; c++) {
      let s = 0;
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let o = 0; o < CO; o++) {
        const i = h - a;
        const j = w - b;
        if (i >= 0 && j >= 0 && i < O && j < O) s += wv[wi(a, b, c, o)]! * rv[ri(n, i, j, o)]!;
      }
      handDx.push(s);
    }

    const grads = () => {
      const x = tf.tensor4d(xv, [N, H, W, CI]);
      const w = tf.tensor4d(wv, [K, K, CI, CO]);
      const r = tf.tensor4d(rv, [N, O, O, CO]);
      const loss = (x: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), r));
      return tf.grads(loss)([x, w]);
    };

    it('match the hand-computed gradients and cpu', async () => {
      const run = async (backend: string) => {
        await useBackend(backend);
        return tf.tidy(() => grads().map((g) => Array.from(g.dataSync())));
      };
      const [wasmDx, wasmDw] = await run('wasm');
      const [cpuDx, cpuDw] = await run('cpu');
      expect(maxAbsDiff(wasmDw!, handDw)).toBeLessThan(TOL);
      expect(maxAbsDiff(wasmDx!, handDx)).toBeLessThan(TOL);
      expect(maxAbsDiff(wasmDw!, cpuDw!)).toBeLessThan(TOL);
      expect(maxAbsDiff(wasmDx!, cpuDx!)).toBeLessThan(TOL);
    });

    it('run on wasm (the bridge, not a switch to cpu) and leak nothing', async () => {
      await useBackend('wasm');
      const before = counts();
      const profile = await tf.profile(() => tf.tidy(() => {
        const [dx, dw] = grads();
        // Still wasm after the backward pass, and the results live in wasm's memory.
        expect(tf.getBackend()).toBe('wasm');
        expect(wasmDataIds().has(dw!.dataId)).toBe(true);
        expect(wasmDataIds().has(dx!.dataId)).toBe(true);
        expect(maxAbsDiff(dw!.dataSync(), handDw)).toBeLessThan(TOL);
        return [dx!, dw!];
      }));
      expect(profile.kernelNames).toContain('Conv2DBackpropFilter');
      expect(profile.kernelNames).toContain('Conv2DBackpropInput');
      tf.dispose(profile.result as tf.Tensor[]);
      expect(counts()).toEqual(before);
    });
  });

  it('bridges multi-output kernels (RaggedRange)', async () => {
    await useBackend('wasm');
    const before = counts();
    // ranges [0,3) step 1, [5,5) step 1, [2,8) step 3 → [0,1,2], [], [2,5]
    const inputs = [tf.tensor1d([0, 5, 2], 'int32'), tf.tensor1d([3, 5, 8], 'int32'), tf.tensor1d([1, 1, 3], 'int32')] as const;
    const { rtNestedSplits, rtDenseValues } = tf.raggedRange(...inputs);
    expect(Array.from(rtNestedSplits.dataSync())).toEqual([0, 3, 3, 5]);
    expect(Array.from(rtDenseValues.dataSync())).toEqual([0, 1, 2, 2, 5]);
    expect(rtDenseValues.dtype).toBe('int32');
    expect(wasmDataIds().has(rtDenseValues.dataId)).toBe(true);
    tf.dispose([rtNestedSplits, rtDenseValues, ...inputs]);
    expect(counts()).toEqual(before);
  });

  it('bridges string kernels (StaticRegexReplace)', async () => {
    await useBackend('wasm');
    const inputs = ['ab-cd-e', 'x-y', 'none'];
    const out = tf.tidy(() => tf.string.staticRegexReplace(tf.tensor1d(inputs, 'string'), '-', '+'));
    expect(out.dataSync()).toEqual(inputs.map((s) => s.replace(/-/g, '+')));
    out.dispose();
  });

  it('bridges array-input kernels and repeated inputs (einsum(a, a))', async () => {
    await useBackend('wasm');
    const a = values(12, 6);
    const before = counts();
    const out = await on('wasm', () => {
      const t = tf.tensor2d(a, [3, 4]);
      return tf.einsum('ij,ij->i', t, t);
    });
    const hand = [0, 1, 2].map((i) => a.slice(i * 4, i * 4 + 4).reduce((s, v) => s + v * v, 0));
    expect(maxAbsDiff(out, hand)).toBeLessThan(TOL);
    expect(counts()).toEqual(before);
  });

  it('computes gather gradients (UnsortedSegmentSum) on wasm', async () => {
    const x = values(6, 7);
    const dy = values(8, 8);
    const g = await on('wasm', () =>
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([0, 2, 2, 1], 'int32')), tf.tensor2d(dy, [4, 2]))))(
        tf.tensor2d(x, [3, 2]),
      ),
    );
    // Row r of the gradient sums the dy rows that gathered row r: row 0 ← 0, row 1 ← 3, row 2 ← 1 + 2.
    const hand = [dy[0]!, dy[1]!, dy[6]!, dy[7]!, dy[2]! + dy[4]!, dy[3]! + dy[5]!];
    expect(maxAbsDiff(g, hand)).toBeLessThan(TOL);
  });

  it('falls back to cpu where a native wasm kernel refuses (int32 matmul, NCHW conv2d)', async () => {
    await useBackend('wasm');
    const before = counts();
    const prod = await on('wasm', () => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor2d([5, 6, 7, 8], [2, 2], 'int32')));
    expect(prod).toEqual([1 * 5 + 2 * 7, 1 * 6 + 2 * 8, 3 * 5 + 4 * 7, 3 * 6 + 4 * 8]);
    // NCHW, one channel in and out, 3x3 input, 2x2 filter of ones: each output sums a 2x2 window.
    const nchw = await on('wasm', () =>
      tf.conv2d(tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]), tf.ones([2, 2, 1, 1]) as tf.Tensor4D, 1, 'valid', 'NCHW'),
    );
    expect(nchw).toEqual([1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9]);
    expect(counts()).toEqual(before);
    expect(kernelBridgeReport().guarded).toEqual(expect.arrayContaining(['BatchMatMul', 'Conv2D']));
  });

  it('replaces the wrong native Conv3DBackpropInputV2', async () => {
    // conv3dTranspose of dy with a 1x1x1 filter [ci=2, co=2]: dx[..., c] = sum_o w[c, o] * dy[..., o].
    const dyv = values(2 * 2 * 2 * 2, 9);
    const wv = values(4, 10);
    const got = await on('wasm', () =>
      tf.conv3dTranspose(tf.tensor5d(dyv, [1, 2, 2, 2, 2]), tf.tensor5d(wv, [1, 1, 1, 2, 2]), [1, 2, 2, 2, 2], 1, 'valid'),
    );
    const hand: number[] = [];
    for (let p = 0; p < 8; p++) for (let c = 0; c < 2; c++) hand.push(wv[c * 2]! * dyv[p * 2]! + wv[c * 2 + 1]! * dyv[p * 2 + 1]!);
    expect(maxAbsDiff(got, hand)).toBeLessThan(TOL);
    expect(kernelBridgeReport().replaced).toEqual(['Conv3DBackpropInputV2']);
  });
});
