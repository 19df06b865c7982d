// What importing Strata's backend module does (and does not do), and ensureBackend's one-time
// 'auto' choice. One test, because its steps follow one process from import on.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/runtime/tf.js';
import { activeBackend, ensureBackend, useBackend } from '../../src/backend/index.js';

afterAll(async () => {
  await useBackend('cpu'); // other test files assume cpu
});

describe('backend defaults', () => {
  it("importing leaves tf on cpu (no wasm, no Node banner); ensureBackend then picks 'auto' once", async () => {
    expect(tf.findBackendFactory('wasm')).toBeNull();
    expect(tf.getKernelsForBackend('wasm')).toEqual([]);
    expect(tf.getBackend()).toBe('cpu');
    const warn = vi.spyOn(console, 'warn');
    try {
      expect(tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2))).dataSync()[0]).toBe(3);
      const banner = warn.mock.calls.filter((args) => String(args[0]).includes('running TensorFlow.js in Node.js'));
      expect(banner).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect(activeBackend()).toBe('cpu');

    // The engine calls ensureBackend before the first fit/predict: 'auto' (wasm here), once.
    const hooks = () => [process.listeners('uncaughtException'), process.listeners('unhandledRejection')];
    const hooksBefore = hooks();
    const [a, b] = await Promise.all([ensureBackend(), ensureBackend()]);
    expect([a, b]).toEqual(['wasm', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
    // Initialising the wasm module leaves the process's error handling as it was.
    expect(hooks()).toEqual(hooksBefore);

    // Once the user has chosen, ensureBackend keeps that choice.
    await useBackend('cpu');
    expect(await ensureBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
