// What importing Strata's backend module does (and does not do), and ensureBackend's one-time
// 'auto' choice. The order of these tests matters: they follow one process from import on.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { activeBackend, ensureBackend, useBackend } from '../../src/backend/index.js';

afterAll(async () => {
  await useBackend('cpu'); // other test files assume cpu
});

describe('backend defaults', () => {
  it('importing leaves tf on cpu, without loading wasm or printing the Node banner', () => {
    expect(tf.findBackendFactory('wasm')).toBeNull();
    expect(tf.getKernelsForBackend('wasm')).toEqual([]);
    expect(tf.getBackend()).toBe('cpu');
    const warn = vi.spyOn(console, 'warn');
    try {
      const t = tf.add(tf.scalar(1), tf.scalar(2));
      expect(t.dataSync()[0]).toBe(3);
      tf.dispose(t);
      const banner = warn.mock.calls.filter((args) => String(args[0]).includes('running TensorFlow.js in Node.js'));
      expect(banner).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect(activeBackend()).toBe('cpu');
  });

  it("ensureBackend picks 'auto' (wasm here) once, sharing one activation", async () => {
    const [a, b] = await Promise.all([ensureBackend(), ensureBackend()]);
    expect([a, b]).toEqual(['wasm', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
  });

  it("ensureBackend respects the user's choice and never switches again", async () => {
    await useBackend('cpu');
    expect(await ensureBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
