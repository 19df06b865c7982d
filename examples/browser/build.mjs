// Bundles the example page into examples/browser/dist (esbuild), with the tfjs-backend-wasm
// binaries beside it for the wasm fallback. `node examples/browser/build.mjs`, then serve dist/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, 'dist');

// The TypeScript sources of the two packages, so the page needs no prior `npm run build`
// (exact names only: 'strata/vendor/…' still resolves through node_modules).
const SOURCES = {
  strata: join(root, 'packages/strata/src/index.ts'),
  '@strata/backend-webgpu': join(root, 'packages/backend-webgpu/src/index.ts'),
};
const sources = {
  name: 'strata-sources',
  setup(b) {
    b.onResolve({ filter: /^(strata|@strata\/backend-webgpu)$/ }, (args) => ({ path: SOURCES[args.path] }));
  },
};

export async function buildExample() {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    plugins: [sources],
    // Node-only code paths (file IO, the Dawn addon) are reached through dynamic imports that
    // a page never takes.
    external: ['node:*', 'webgpu'],
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
  const wasmDir = dirname(createRequire(join(root, 'packages/strata/package.json')).resolve('@tensorflow/tfjs-backend-wasm'));
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(wasmDir, file), join(out, file));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildExample()}`);
}
