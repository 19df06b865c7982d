// Backends: the registry, the built-in cpu and wasm backends, and the cpu kernel bridge.
export type { Backend, ProbeResult } from './backend.js';
export type { BackendListing } from './registry.js';
export { registerBackend, useBackend, listBackends, activeBackend, ensureBackend } from './registry.js';
export { cpuBackend } from './cpu-backend.js';
export { wasmBackend, createWasmBackend, type WasmBackendOptions } from './wasm-backend.js';
export { bridgedKernels, kernelBridgeReport, type BridgeReport } from './kernel-bridge.js';
