// 'auto' and emulated devices: a backend whose probe says its device is software pretending to
// be an accelerator (WebGPU on SwiftShader) is tried only after every other available backend.
import { afterAll, describe, expect, it } from 'vitest';
import { listBackends, registerBackend, useBackend, type Backend } from '../../src/backend/index.js';

afterAll(async () => {
  await useBackend('cpu');
});

function fake(name: string, priority: number, emulated: boolean, log: string[]): Backend {
  return {
    name,
    priority,
    probe: async () => ({ available: true, device: `${name} device`, ...(emulated ? { emulated: true } : {}) }),
    activate: async () => {
      log.push(name);
      throw new Error(`${name} refuses`); // so that 'auto' goes on and shows its order
    },
  };
}

describe("'auto' with an emulated device", () => {
  it('tries real devices by priority, then emulated ones, and lists the emulated flag', async () => {
    const log: string[] = [];
    registerBackend(fake('test-emulated', 1000, true, log));
    registerBackend(fake('test-real', 900, false, log));
    // Both refuse to activate: auto falls through to wasm (200) before the emulated one (1000).
    expect(await useBackend('auto')).toBe('wasm');
    expect(log).toEqual(['test-real']);
    const listed = (await listBackends()).find((b) => b.name === 'test-emulated');
    expect(listed).toMatchObject({ available: true, emulated: true, priority: 1000 });
  });
});
