// The webgpu backend in Node: registration on import, probe (device or one-line reason), the
// place of an emulated device in 'auto', and a computation checked against hand-worked numbers.
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { webgpuBackend } from '../src/index.js';
import { chooseVulkanDriver, isNotInstalled, noAdapterReason } from '../src/node-gpu.js';

const probe = await webgpuBackend.probe();
if (!probe.available) console.log(`webgpu: skipped: ${probe.reason}`);

afterAll(async () => {
  await st.useBackend('cpu');
});

describe('webgpu backend', () => {
  it('registers itself on import and lists a device or a one-line reason', async () => {
    const listed = (await st.listBackends()).find((b) => b.name === 'webgpu');
    expect(listed).toBeDefined();
    expect(listed!.priority).toBe(300);
    if (listed!.available) expect(listed!.device).toMatch(/Dawn in Node/);
    else expect(listed!.reason).not.toMatch(/\n/);
  });

  it('explains a missing package, loader or driver in one line', () => {
    expect(isNotInstalled({ code: 'ERR_MODULE_NOT_FOUND', message: "Cannot find package 'webgpu' imported from x" }, 'webgpu')).toBe(true);
    expect(isNotInstalled({ code: 'ERR_DLOPEN_FAILED', message: 'dawn.node: bad ELF' }, 'webgpu')).toBe(false);
    for (const driver of ['none', 'environment', 'swiftshader', 'system'] as const) {
      const reason = noAdapterReason({ driver, icd: '/x.json' });
      expect(reason).toMatch(/^no WebGPU adapter: /);
      expect(reason).not.toMatch(/\n/);
    }
  });

  it('leaves a Vulkan driver named in the environment alone', () => {
    const saved = process.env['VK_ICD_FILENAMES'];
    process.env['VK_ICD_FILENAMES'] = '/somewhere/icd.json';
    try {
      expect(chooseVulkanDriver(true)).toEqual({ driver: 'environment', icd: '/somewhere/icd.json' });
    } finally {
      if (saved === undefined) delete process.env['VK_ICD_FILENAMES'];
      else process.env['VK_ICD_FILENAMES'] = saved;
    }
  });

  describe.skipIf(!probe.available)('on a WebGPU device', () => {
    it("'auto' prefers wasm to an emulated (SwiftShader) device", async () => {
      if (probe.available && probe.emulated) expect(await st.useBackend('auto')).toBe('wasm');
      else expect(await st.useBackend('auto')).toBe('webgpu');
    });

    it('computes a matmul and a conv2d gradient on the GPU, leaking nothing', async () => {
      await st.useBackend('webgpu');
      const tf = st.tf;
      tf.env().set('WEBGPU_CPU_FORWARD', false);
      expect(tf.getBackend()).toBe('webgpu');
      const before = tf.memory().numTensors;
      const [a, b] = [tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])];
      const product = tf.matMul(a, b);
      expect(Array.from(await product.data())).toEqual([19, 22, 43, 50]);
      // d/dw Σ conv2d(x, w) for a 1x1 kernel is Σ x over all pixels, per channel pair.
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
      const w0 = tf.zeros([1, 1, 2, 1]);
      const dw = tf.grad((w: st.Tensor) => tf.sum(tf.conv2d(x, w as st.tf.Tensor4D, 1, 'valid')))(w0);
      expect(Array.from(await dw.data())).toEqual([1 + 3 + 5 + 7, 2 + 4 + 6 + 8]);
      tf.dispose([a, b, product, x, w0, dw]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
