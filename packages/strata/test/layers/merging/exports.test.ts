// The factories of this part of the layer catalog are reachable as st.layers.*, and every class
// is registered for deserialization under its Keras class name.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const FACTORIES = [
  'add', 'subtract', 'multiply', 'average', 'maximum', 'minimum', 'concatenate', 'dot',
  'attention', 'additiveAttention', 'multiHeadAttention',
  'embedding', 'masking', 'identity', 'lambda',
  'permute', 'repeatVector', 'cropping1d', 'cropping2d', 'cropping2D', 'cropping3d',
  'upSampling1d', 'upSampling2d', 'upSampling3d', 'zeroPadding1d', 'zeroPadding2d', 'zeroPadding3d',
  'reLU', 'leakyReLU', 'pReLU', 'prelu', 'eLU', 'elu', 'thresholdedReLU', 'softmax',
] as const;

const CLASSES = [
  'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot',
  'Attention', 'AdditiveAttention', 'MultiHeadAttention', 'Embedding', 'Masking', 'Identity', 'Lambda',
  'Permute', 'RepeatVector', 'Cropping1D', 'Cropping2D', 'Cropping3D', 'UpSampling1D', 'UpSampling2D', 'UpSampling3D',
  'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU', 'Softmax',
];

describe('layer catalog exports', () => {
  it('every factory is on st.layers', () => {
    const layers = st.layers as unknown as Record<string, unknown>;
    expect(FACTORIES.filter((name) => typeof layers[name] !== 'function')).toEqual([]);
  });

  it('every class is exported and registered under its Keras class name', () => {
    const layers = st.layers as unknown as Record<string, { className?: string }>;
    for (const name of CLASSES) {
      expect(layers[name]?.className, name).toBe(name);
    }
    // Rebuilding from a minimal config goes through the registry.
    const relu = st.deserialize<st.Layer>({ className: 'ReLU', config: { maxValue: 6 } }, 'layer');
    expect(relu.getConfig()).toMatchObject({ maxValue: 6, negativeSlope: 0, threshold: 0 });
    // Keras 3 writes LeakyReLU's slope as negative_slope; Keras 2 and tfjs-layers as alpha.
    expect(st.deserialize<st.Layer>({ className: 'LeakyReLU', config: { negativeSlope: 0.2 } }, 'layer').getConfig().alpha).toBe(0.2);
    expect(st.deserialize<st.Layer>({ className: 'LeakyReLU', config: { alpha: 0.1 } }, 'layer').getConfig().alpha).toBe(0.1);
  });
});
