// `strata backends`: which backends exist here, which can run, and why not.
import type { Command } from 'commander';
import * as st from 'strata';

/** Backend packages that register themselves on import, when they are installed. */
export const OPTIONAL_BACKEND_PACKAGES = ['@strata/backend-cuda', '@strata/backend-webgpu', '@strata/backend-node'] as const;

/**
 * Imports every optional backend package that is installed, so that it registers itself. Never
 * throws: a package that is missing (or fails to load) is left out, and the names loaded are returned.
 */
export async function registerOptionalBackends(): Promise<string[]> {
  const loaded: string[] = [];
  for (const name of OPTIONAL_BACKEND_PACKAGES) {
    try {
      const specifier: string = name; // not a static dependency of the CLI
      await import(specifier);
      loaded.push(name);
    } catch {
      // Not installed: its backend is simply not listed.
    }
  }
  return loaded;
}

export function formatBackendTable(rows: Awaited<ReturnType<typeof st.listBackends>>): string {
  const cells = rows.map((r) => [
    r.name,
    String(r.priority),
    r.available ? 'yes' : 'no',
    r.available ? r.device : r.reason,
  ]);
  const header = ['backend', 'priority', 'available', 'device / reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function registerBackends(program: Command): void {
  program
    .command('backends')
    .description('list the registered backends (optional backend packages included): available or not, with the device or the reason')
    .action(async () => {
      await registerOptionalBackends();
      console.log(formatBackendTable(await st.listBackends()));
    });
}
