// Runs the built `strata` binary as a user would (packages/cli/dist, built by `npm run build`).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'strata-cli-'));

async function strata(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 120_000 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('strata CLI (built)', () => {
  it('is built (npm ci runs the build; run `npm run build` after changing sources)', () => {
    expect(existsSync(bin), `${bin} is missing`).toBe(true);
  });

  it('prints help for the program and each command', async () => {
    const top = await strata('--help');
    expect(top.stdout).toMatch(/train.*\n.*summary.*\n.*backends/s);
    for (const command of ['train', 'summary', 'backends']) {
      const help = await strata(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: strata ${command}`);
    }
  });

  it('lists cpu and wasm as available backends', async () => {
    const { stdout, code } = await strata('backends');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^cpu\s+\d+\s+yes\s+\S/m);
    expect(stdout).toMatch(/^wasm\s+\d+\s+yes\s+\S/m);
  });

  it('trains, saves a loadable model, and summary reads it back', async () => {
    const out = join(workDir, 'mlp');
    const train = await strata('train', 'mnist-mlp', '--epochs', '1', '--out', out, '--verbose', '0');
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    const accuracy = Number(/Held-out accuracy: ([\d.]+)%/.exec(train.stdout)?.[1]);
    // One epoch of the MLP on 8,000 digits is far above chance (10%).
    expect(accuracy).toBeGreaterThan(85);
    const modelJson = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    const summary = await strata('summary', join(out, 'model.json'));
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('Total params: 235,146');
  });

  it('fails with one clear line for bad input', async () => {
    const recipe = await strata('train', 'resnet-9000');
    expect(recipe.code).not.toBe(0);
    expect(recipe.stderr).toContain("Unknown recipe 'resnet-9000'. Expected one of: mnist-mlp.");
    const epochs = await strata('train', 'mnist-mlp', '--epochs', '-2');
    expect(epochs.code).not.toBe(0);
    expect(epochs.stderr).toContain("expected a positive integer, found '-2'");
    const missing = await strata('summary', join(workDir, 'nope', 'model.json'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No model at '.*nope.*model\.json'/);
  });
});
