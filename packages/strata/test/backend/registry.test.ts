import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { UnknownNameError, ValueError } from '../../src/errors.js';
import {
  activeBackend,
  listBackends,
  registerBackend,
  useBackend,
  type Backend,
} from '../../src/backend/index.js';

afterAll(async () => {
  await useBackend('cpu'); // other test files assume cpu
});

describe('backend registry', () => {
  it('lists cpu and wasm as available, with device strings, highest priority first', async () => {
    const list = await listBackends();
    const cpu = list.find((b) => b.name === 'cpu');
    const wasm = list.find((b) => b.name === 'wasm');
    expect(cpu).toMatchObject({ available: true, priority: 100 });
    expect(wasm).toMatchObject({ available: true, priority: 200 });
    if (!cpu?.available || !wasm?.available) throw new Error('unreachable');
    expect(cpu.device).toMatch(/JavaScript/);
    expect(wasm.device).toMatch(/WebAssembly, SIMD/);
    const priorities = list.map((b) => b.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    // Listing probes wasm (imports its package) but must not switch to it.
    expect(tf.getBackend()).toBe('cpu');
    expect(list.filter((b) => b.active).map((b) => b.name)).toEqual(['cpu']);
  });

  it("rejects an unknown name, listing the known ones and 'auto'", async () => {
    const err = await useBackend('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownNameError);
    const message = (err as Error).message;
    expect(message).toContain("'nope'");
    for (const known of ['auto', 'cpu', 'wasm']) expect(message).toContain(known);
  });

  it('refuses a backend that probes unavailable, quoting its reason, and stays put', async () => {
    let activated = false;
    const broken: Backend = {
      name: 'test-unavailable',
      priority: 1000, // above everything: 'auto' must still skip it
      probe: async () => ({ available: false, reason: 'no FooAccelerator attached' }),
      activate: async () => {
        activated = true;
      },
    };
    registerBackend(broken);
    await expect(useBackend('test-unavailable')).rejects.toThrow(
      /test-unavailable.*not available.*no FooAccelerator attached/,
    );
    expect(activated).toBe(false);
    expect(tf.getBackend()).toBe('cpu');
    const listed = (await listBackends()).find((b) => b.name === 'test-unavailable');
    expect(listed).toEqual({
      name: 'test-unavailable',
      priority: 1000,
      active: false,
      available: false,
      reason: 'no FooAccelerator attached',
    });
  });

  it('goes back to the previous backend when an activation fails', async () => {
    registerBackend({
      name: 'test-fails',
      priority: 900,
      probe: async () => ({ available: true, device: 'nothing' }),
      activate: async () => {
        throw new Error('driver exploded');
      },
    });
    await useBackend('cpu');
    await expect(useBackend('test-fails')).rejects.toThrow(/test-fails.*driver exploded/);
    expect(activeBackend()).toBe('cpu');
  });

  it('validates registrations', () => {
    const ok = { probe: async () => ({ available: true, device: 'x' }) as const, activate: async () => {} };
    expect(() => registerBackend({ name: 'auto', priority: 1, ...ok })).toThrow(ValueError);
    expect(() => registerBackend({ name: '', priority: 1, ...ok })).toThrow(/non-empty backend name/);
    expect(() => registerBackend({ name: 'x', priority: Number.NaN, ...ok })).toThrow(/finite number/);
  });

  it("'auto' skips unavailable and failing backends and picks wasm here", async () => {
    // test-unavailable (1000) and test-fails (900) outrank wasm (200).
    expect(await useBackend('auto')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    const active = (await listBackends()).filter((b) => b.active).map((b) => b.name);
    expect(active).toEqual(['wasm']);
  });

  it('switches back and forth by name', async () => {
    expect(await useBackend('cpu')).toBe('cpu');
    expect(activeBackend()).toBe('cpu');
    expect(await useBackend('wasm')).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    // A tensor made on one backend is usable after switching: tfjs moves its data.
    const t = tf.tensor1d([1, 2, 3]);
    await useBackend('cpu');
    expect(Array.from(tf.mul(t, t).dataSync())).toEqual([1, 4, 9]);
    t.dispose();
  });
});
