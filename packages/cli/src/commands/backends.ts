// `strata backends`: which backends exist here, which can run, and why not.
import type { Command } from 'commander';
import * as st from 'strata';

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
    .description('list the registered backends: available or not, with the device or the reason')
    .action(async () => {
      console.log(formatBackendTable(await st.listBackends()));
    });
}
