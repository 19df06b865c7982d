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
  it('fills the kernels wasm lacks, training ones included', () => {
    const report = kernelBridgeReport();
    const composed = [
      'Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'Einsum',
      'MaxPoolGrad', 'UnsortedSegmentSum',
    ];
    expect(report.composed).toEqual(composed);
    for (const k of composed) expect(bridgedKernels()).not.toContain(k);
    for (const k of [...composed, ...bridgedKernels()]) expect(tf.getKernel(k, 'wasm')).toBeDefined();
    // Every cpu kernel now exists on wasm, except the complex64 ones, which are listed with why.
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

  type ConvCase = { name: string; H: number; K: number; stride: number; pad: 'valid' | 'same'; top: number; O: number };
  // 'same' with stride 2 on 7 pixels: 4 outputs, (4-1)*2+3-7 = 2 padding rows, 1 on top.
  const convCases: ConvCase[] = [
    { name: 'valid, stride 1', H: 5, K: 3, stride: 1, pad: 'valid', top: 0, O: 3 },
    { name: 'same, stride 2', H: 7, K: 3, stride: 2, pad: 'same', top: 1, O: 4 },
  ];

  describe.each(convCases)('conv2d gradients on wasm ($name)', ({ H, K, stride, pad, top, O }) => {
    // y = conv2d(x, w); loss = sum(y * r), so dL/dy = r. Square images, same padding on both axes.
    const [N, CI, CO] = [2, 2, 3];
    const xv = values(N * H * H * CI, 3);
    const wv = values(K * K * CI * CO, 4);
    const rv = values(N * O * O * CO, 5);
    const handDw = new Array<number>(K * K * CI * CO).fill(0);
    const handDx = new Array<number>(N * H * H * CI).fill(0);
    // Each product x[n, h, v, c] * w[a, b, c, o] feeds y[n, i, j, o] with h = i*stride + a - top.
    for (let n = 0; n < N; n++) for (let i = 0; i < O; i++) for (let j = 0; j < O; j++) {
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
        const h = i * stride + a - top;
        const v = j * stride + b - top;
        if (h < 0 || v < 0 || h >= H || v >= H) continue; // a zero from the padding
        for (let c = 0; c < CI; c++) for (let o = 0; o < CO; o++) {
          const r = rv[((n * O + i) * O + j) * CO + o]!;
          const wIdx = ((a * K + b) * CI + c) * CO + o;
          const xIdx = ((n * H + h) * H + v) * CI + c;
          handDw[wIdx]! += xv[xIdx]! * r;
          handDx[xIdx]! += wv[wIdx]! * r;
        }
      }
    }
    const grads = () => {
      const r = tf.tensor4d(rv, [N, O, O, CO]);
      const loss = (x: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad), r));
      return tf.grads(loss)([tf.tensor4d(xv, [N, H, H, CI]), tf.tensor4d(wv, [K, K, CI, CO])]);
    };

    it('match the hand-computed gradients and cpu, on wasm, leaking nothing', async () => {
      const [cpuDx, cpuDw] = await (async () => {
        await useBackend('cpu');
        return tf.tidy(() => grads().map((g) => Array.from(g.dataSync())));
      })();
      await useBackend('wasm');
      const before = counts();
      const profile = await tf.profile(() => tf.tidy(() => {
        const [dx, dw] = grads();
        expect(tf.getBackend()).toBe('wasm');
        expect(wasmDataIds().has(dw!.dataId)).toBe(true);
        return [dx!, dw!];
      }));
      const [dx, dw] = profile.result as tf.Tensor[];
      expect(profile.kernelNames).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput']));
      expect(maxAbsDiff(dw!.dataSync(), handDw)).toBeLessThan(TOL);
      expect(maxAbsDiff(dx!.dataSync(), handDx)).toBeLessThan(TOL);
      expect(maxAbsDiff(dw!.dataSync(), cpuDw!)).toBeLessThan(TOL);
      expect(maxAbsDiff(dx!.dataSync(), cpuDx!)).toBeLessThan(TOL);
      tf.dispose([dx!, dw!]);
      expect(counts()).toEqual(before);
    });
  });

  it('runs the composed depthwise-conv gradients on wasm (not a switch to cpu), leaking nothing', async () => {
    // y[n,i,j,c*M+m] = sum over a,b of x[n,i+a,j+b,c] * w[a,b,c,m]; valid, stride 1; dL/dy = r.
    const [N, H, C, M, K] = [2, 4, 2, 2, 2];
    const O = H - K + 1;
    const xv = values(N * H * H * C, 11);
    const wv = values(K * K * C * M, 12);
    const rv = values(N * O * O * C * M, 13);
    const handDw = new Array<number>(wv.length).fill(0);
    const handDx = new Array<number>(xv.length).fill(0);
    for (let n = 0; n < N; n++) for (let i = 0; i < O; i++) for (let j = 0; j < O; j++) {
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) {
        const r = rv[((n * O + i) * O + j) * C * M + c * M + m]!;
        const xIdx = ((n * H + i + a) * H + j + b) * C + c;
        const wIdx = ((a * K + b) * C + c) * M + m;
        handDw[wIdx]! += xv[xIdx]! * r;
        handDx[xIdx]! += wv[wIdx]! * r;
      }
    }
    await useBackend('wasm');
    const before = counts();
    const profile = await tf.profile(() => tf.tidy(() => {
      const r = tf.tensor4d(rv, [N, O, O, C * M]);
      const loss = (x: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.mul(tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), r));
      const gs = tf.grads(loss)([tf.tensor4d(xv, [N, H, H, C]), tf.tensor4d(wv, [K, K, C, M])]);
      expect(tf.getBackend()).toBe('wasm'); // after the backward pass too
      return gs;
    }));
    const [dx, dw] = profile.result as tf.Tensor[];
    expect(profile.kernelNames).toEqual(
      expect.arrayContaining(['DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']),
    );
    expect(kernelBridgeReport().composed).toEqual(
      expect.arrayContaining(['DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']),
    );
    // The results live in wasm memory; the cpu copies made on the way are gone.
    expect(wasmDataIds().has(dw!.dataId) && wasmDataIds().has(dx!.dataId)).toBe(true);
    expect(maxAbsDiff(dw!.dataSync(), handDw)).toBeLessThan(TOL);
    expect(maxAbsDiff(dx!.dataSync(), handDx)).toBeLessThan(TOL);
    tf.dispose([dx!, dw!]);
    expect(counts()).toEqual(before);
  });

  it('sends NCHW Conv2DBackpropFilter, which the composed kernel skips, through the bridge', async () => {
    const f = () =>
      tf.grad((w: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(tf.tensor4d(values(2 * 2 * 5 * 5, 14), [2, 2, 5, 5]), w as tf.Tensor4D, 1, 'valid', 'NCHW'))),
      )(tf.tensor4d(values(3 * 3 * 2 * 3, 15), [3, 3, 2, 3]));
    const cpu = await on('cpu', f);
    const before = counts();
    const wasm = await on('wasm', f);
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(TOL);
    await useBackend('wasm');
    expect(counts()).toEqual(before);
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

  it('runs array-input kernels with repeated inputs (einsum(a, a))', async () => {
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
    expect(kernelBridgeReport().replaced).toEqual([
      'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2', 'MaxPool3D', 'MaxPool3DGrad', 'MaxPoolGrad',
    ]);
  });
});
