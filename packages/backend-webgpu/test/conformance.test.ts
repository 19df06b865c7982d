// The conformance suite on WebGPU, compared with cpu. On a machine without a GPU this runs on
// SwiftShader (Chromium's CPU Vulkan driver) through Dawn; without libvulkan1 or chromium the
// suite is skipped with the reason printed. Every op runs on the GPU (WEBGPU_CPU_FORWARD off).
import * as st from 'strata';
import { conformanceSuite } from '@strata/testing';
import '../src/index.js';

await conformanceSuite({
  backend: 'webgpu',
  afterActivate: () => st.tf.env().set('WEBGPU_CPU_FORWARD', false),
});
