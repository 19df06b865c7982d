import { describe, expect, it } from 'vitest';
import { tf } from 'strata';

describe('tensor runtime', () => {
  it('has gradients registered under plain Node', () => {
    // d/dx sum(relu(x*x)) = 2x for every x (x*x >= 0).
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(tf.mul(x, x))));
    expect(Array.from(g(tf.tensor1d([1, -2, 3])).dataSync())).toEqual([2, -4, 6]);
  });
});
