// A real browser: bundles examples/browser with esbuild, serves it on 127.0.0.1, and drives
// headless Chromium (playwright-core) through it twice: with WebGPU on (SwiftShader here) the
// page must train on webgpu; with WebGPU off it must fall back to wasm. Both times the loss
// must fall. Skipped, with the reason printed, where Chromium is not installed.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const skipReason = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`;
if (skipReason) console.log(`browser test: skipped: ${skipReason}`);

/** DESIGN §9: the flags under which headless Chromium runs WebGPU on this kind of machine. */
const BASE_FLAGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

type Result = { backend: string; device: string; losses: number[]; tried: string[] };

let server: Server;
let url = '';

beforeAll(async () => {
  if (skipReason) return;
  // @ts-expect-error: a plain .mjs build script without type declarations
  const { buildExample } = (await import('../../../examples/browser/build.mjs')) as { buildExample: () => Promise<string> };
  const dir = await buildExample();
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    const file = join(dir, name);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function runPage(flags: string[]): Promise<Result> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'strata-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...BASE_FLAGS, ...flags] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.strataResult !== undefined || window.strataError !== undefined, undefined, { timeout: 150_000 });
    const error = await page.evaluate(() => window.strataError);
    expect(error, error).toBeUndefined();
    expect(errors).toEqual([]);
    return (await page.evaluate(() => window.strataResult)) as Result;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

declare global {
  interface Window { strataResult?: Result; strataError?: string }
}

describe.skipIf(skipReason !== null)('example page in headless Chromium', () => {
  it('trains on WebGPU when it is enabled, and the loss falls', async () => {
    const result = await runPage(['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader']);
    expect(result.backend, `tried: ${result.tried.join('; ')}`).toBe('webgpu');
    expect(result.losses.length).toBe(30);
    expect(result.losses[29]!).toBeLessThan(result.losses[0]! / 2);
  }, 180_000);

  it('falls back to wasm when WebGPU is missing, and the loss falls', async () => {
    const result = await runPage(['--disable-webgpu']);
    expect(result.backend).toBe('wasm');
    expect(result.tried[0]).toMatch(/^webgpu: /);
    expect(result.losses[29]!).toBeLessThan(result.losses[0]! / 2);
  }, 180_000);
});
