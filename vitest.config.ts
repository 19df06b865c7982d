import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources; `npm run build` (run by `npm ci`) only has to
// have produced the vendored gradient bundle.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^strata$/, replacement: src('strata') },
      { find: /^@strata\/datasets$/, replacement: src('datasets') },
      { find: /^@strata\/testing$/, replacement: src('testing') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
