// @strata/backend-webgpu: Strata on WebGPU through @tensorflow/tfjs-backend-webgpu, in browsers
// (navigator.gpu) and in Node (the `webgpu` package, Dawn). Importing this package registers the
// backend 'webgpu'; it never throws, and `strata backends` says why the backend is unavailable.
import { registerBackend } from 'strata';
import { webgpuBackend } from './webgpu-backend.js';

export { createWebGpuBackend, webgpuBackend, WEBGPU_PRIORITY, type WebGpuBackendOptions } from './webgpu-backend.js';
export { SWIFTSHADER_ICDS } from './node-gpu.js';

try {
  registerBackend(webgpuBackend);
} catch {
  // Importing a backend package never throws; an unregistered backend is simply not listed.
}
