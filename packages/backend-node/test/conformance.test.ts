// The conformance suite on tfjs-node (libtensorflow on the CPU), compared with cpu; where
// @tensorflow/tfjs-node is not installed, one skipped test says so.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';
import { conformanceSuite } from '@strata/testing';
import { TENSORFLOW_CPU_PRIORITY } from '../src/index.js';

describe('tensorflow (tfjs-node) backend', () => {
  it('registers on import with a device or a one-line reason', async () => {
    const listed = (await st.listBackends()).find((b) => b.name === 'tensorflow');
    expect(listed).toMatchObject({ priority: TENSORFLOW_CPU_PRIORITY });
    if (!listed!.available) expect(listed!.reason).toMatch(/^@tensorflow\/tfjs-node is not installed|tfjs-node/);
  });
});

await conformanceSuite({ backend: 'tensorflow' });
