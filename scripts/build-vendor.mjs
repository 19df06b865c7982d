// Builds packages/strata/vendor/register-gradients.js.
// Why: tfjs-core's CommonJS entry (what plain Node loads) registers no gradients, and its
// `dist/register_all_gradients.js` is ESM with extension-less imports Node cannot resolve.
// Bundling that one module makes it loadable anywhere. The gradient registry lives in a global
// namespace shared by every copy of tfjs-core, so registering from the bundle is enough.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outFile = join(root, 'packages/strata/vendor/register-gradients.js');
mkdirSync(dirname(outFile), { recursive: true });

const result = await build({
  stdin: {
    contents: "import '@tensorflow/tfjs-core/dist/register_all_gradients';",
    resolveDir: join(root, 'packages/strata'),
  },
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  mainFields: ['module', 'main'],
  write: false,
  logLevel: 'warning',
});
writeFileSync(outFile, result.outputFiles[0].contents);
writeFileSync(join(dirname(outFile), 'register-gradients.d.ts'), 'export {};\n');
console.log(`vendor: wrote ${outFile} (${(result.outputFiles[0].contents.length / 1024).toFixed(0)} KB)`);
