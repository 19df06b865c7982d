// Node built-ins, reached without a literal import specifier: browser bundlers (webpack,
// esbuild --platform=browser) refuse to build `import('node:fs')`, even behind a runtime check.
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** True under Node (not in browsers or workers). */
export const isNode = typeof nodeProcess?.versions?.node === 'string';

/** A Node built-in module by id ('node:fs/promises'); only call it where `isNode`. */
export async function nodeBuiltin<T>(id: string): Promise<T> {
  const viaProcess = nodeProcess?.getBuiltinModule?.(id);
  if (viaProcess) return viaProcess as T;
  const specifier = id; // a variable, so bundlers leave it alone
  return (await import(/* @vite-ignore */ specifier)) as T;
}

export const loadFs = () => nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
export const loadPath = () => nodeBuiltin<typeof import('node:path')>('node:path');
export const loadOs = () => nodeBuiltin<typeof import('node:os')>('node:os');
