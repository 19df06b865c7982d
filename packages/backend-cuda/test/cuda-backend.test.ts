// The cuda backend's probe on machines without CUDA: each missing piece gives its own one-line
// reason. A fake package tree in a temporary directory stands in for a broken install.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { CUDA_PRIORITY, createTfjsNodeBackend } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'strata-cuda-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBackend() {
  return createTfjsNodeBackend({
    name: 'cuda-test', packageName: '@tensorflow/tfjs-node-gpu', priority: 1, gpu: true, resolveFrom: join(root, 'index.js'),
  });
}

describe('cuda backend', () => {
  it('registers on import; listed with a device or a one-line reason, never throwing', async () => {
    const listed = (await st.listBackends()).find((b) => b.name === 'cuda');
    expect(listed).toMatchObject({ name: 'cuda', priority: CUDA_PRIORITY });
    if (!listed!.available) {
      expect(listed!.reason).not.toMatch(/\n/);
      console.log(`cuda: ${listed!.reason}`);
    }
  });

  it('says "not installed", then "native addon missing", then "libtensorflow missing", then what CUDA lacks', async () => {
    const pkg = join(root, 'node_modules', '@tensorflow', 'tfjs-node-gpu');
    let probe = await fakeBackend().probe();
    expect(probe).toEqual({
      available: false,
      reason: expect.stringMatching(/^@tensorflow\/tfjs-node-gpu is not installed \(npm install @tensorflow\/tfjs-node-gpu@4\.22\.0; it needs CUDA 11\.2 and cuDNN 8\.1/),
    });

    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node-gpu', version: '4.22.0', main: 'index.js' }));
    probe = await fakeBackend().probe();
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/is installed but its native addon is missing \(no lib\/napi-v\*\/tfjs_binding\.node\)/);

    mkdirSync(join(pkg, 'lib', 'napi-v8'), { recursive: true });
    writeFileSync(join(pkg, 'lib', 'napi-v8', 'tfjs_binding.node'), '');
    probe = await fakeBackend().probe();
    if (!probe.available) expect(probe.reason).toMatch(/is installed but libtensorflow 2\.9\.1 is missing/);

    mkdirSync(join(pkg, 'deps', 'lib'), { recursive: true });
    writeFileSync(join(pkg, 'deps', 'lib', 'libtensorflow.so.2.9.1'), '');
    probe = await fakeBackend().probe();
    // What comes next depends on the machine: no driver, no CUDA 11 libraries, or all there.
    if (!probe.available) expect(probe.reason).toMatch(/^(no CUDA device: no NVIDIA driver|NVIDIA driver .* found, but not lib\S+ on the library path)/);
    else expect(probe.device).toMatch(/libtensorflow 2\.9\.1 via @tensorflow\/tfjs-node-gpu/);
  });

  it("useBackend('cuda') refuses with the probe's reason when unavailable, and stays put", async () => {
    const listed = (await st.listBackends()).find((b) => b.name === 'cuda')!;
    if (listed.available) return; // a CUDA machine: the conformance suite covers it
    await st.useBackend('cpu');
    await expect(st.useBackend('cuda')).rejects.toThrow(/cuda.*not available/);
    expect(st.tf.getBackend()).toBe('cpu');
  });
});
