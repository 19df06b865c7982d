// Node's file system for the callbacks that write files (CSVLogger, TensorBoard), loaded on
// first use so that importing Strata in a browser never touches it.
import { isNode, loadFs, loadOs, loadPath } from '../../runtime/node-builtin.js';
import { StateError } from '../../errors.js';

export type NodeFs = {
  fs: typeof import('node:fs/promises');
  path: typeof import('node:path');
  os: typeof import('node:os');
};

export async function nodeFs(where: string): Promise<NodeFs> {
  if (!isNode) throw new StateError(`${where} writes files and needs Node.js (no file system here).`);
  const [fs, path, os] = await Promise.all([loadFs(), loadPath(), loadOs()]);
  return { fs, path, os };
}

/** Strips a file:// prefix: callbacks take plain paths or file:// URLs. */
export function localPath(target: string): string {
  return target.startsWith('file://') ? target.slice('file://'.length) : target;
}
