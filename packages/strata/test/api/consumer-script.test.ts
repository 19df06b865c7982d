// Runs consumer-script.mjs in a child Node process against the BUILT package (dist/), the way a
// user's code meets Strata: ESM resolution of `strata` through its package.json exports, the
// vendored gradient bundle, file:// saving. vitest's alias to src/ is not involved.
// The build is refreshed first when any src file is newer than its dist output (tsc -b of this
// one package, ~20 s); a build that cannot produce dist/index.js fails the test with its output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..');
const repoRoot = join(pkg, '..', '..');
const script = join(here, 'consumer-script.mjs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** src files whose compiled dist/*.js is missing or older than the source. */
function staleOutputs(): string[] {
  const src = join(pkg, 'src');
  return sourceFiles(src).filter((file) => {
    const out = join(pkg, 'dist', relative(src, file).replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs;
  });
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function ensureBuilt(): void {
  if (!existsSync(join(pkg, 'vendor', 'register-gradients.js'))) {
    console.log('consumer test: vendor/register-gradients.js is missing; running scripts/build-vendor.mjs');
    const vendor = run(process.execPath, [join(repoRoot, 'scripts', 'build-vendor.mjs')]);
    if (vendor.status !== 0) throw new Error(`scripts/build-vendor.mjs failed:\n${vendor.output}`);
  }
  const stale = staleOutputs();
  if (stale.length === 0) return;
  console.log(`consumer test: dist is missing or older than ${stale.length} src file(s) (e.g. ${relative(pkg, stale[0])}); running tsc -b packages/strata`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = run(process.execPath, [tsc, '-b', pkg]);
  if (build.status !== 0) {
    // tsc still emits when other files have type errors (work in progress); only a missing
    // entry point stops the test.
    console.warn(`consumer test: tsc -b exited with ${build.status}:\n${build.output.slice(0, 2000)}`);
  }
  if (!existsSync(join(pkg, 'dist', 'index.js'))) throw new Error(`tsc -b produced no dist/index.js:\n${build.output}`);
}

describe('the built package, used from a plain Node script', () => {
  it('trains, predicts, copies weights, saves and reloads (consumer-script.mjs exits 0)', () => {
    ensureBuilt();
    const result = spawnSync(process.execPath, [script], { cwd: here, encoding: 'utf8', timeout: 60_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.error, String(result.error)).toBeUndefined();
    expect(result.status, output).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ok: boolean; firstLoss: number; lastLoss: number };
    expect(summary.ok).toBe(true);
    expect(summary.lastLoss).toBeLessThan(summary.firstLoss);
  }, 150_000);
});
