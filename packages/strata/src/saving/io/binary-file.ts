// Single-file model formats (.keras, .h5) as bytes: read from a path or URL, written atomically
// (a temporary name beside the target, flushed, then renamed over it), so a process killed
// mid-write leaves the previous file untouched.
import { isNode, loadFs, loadPath } from '../../runtime/node-builtin.js';
import { ModelFileError, ValueError } from '../../errors.js';

export function stripFileScheme(url: string): string {
  return url.startsWith('file://') ? url.slice('file://'.length) : url;
}

/** True for targets this module reads and writes through the local file system. */
export function isLocalPath(target: string): boolean {
  return target.startsWith('file://') || (isNode && !/^[a-z][a-z0-9+.-]*:\/\//i.test(target));
}

export async function readBinary(target: string): Promise<Uint8Array> {
  if (isLocalPath(target)) {
    const fs = await loadFs();
    const path = stripFileScheme(target);
    const bytes = await fs.readFile(path).catch((e: NodeJS.ErrnoException) => {
      throw new ModelFileError(e.code === 'ENOENT' ? `No model at '${path}': the path does not exist.` : `Cannot read '${path}': ${e.message}`);
    });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (/^https?:\/\//i.test(target)) {
    let response: Response;
    try {
      response = await fetch(target);
    } catch (e) {
      throw new ModelFileError(`Cannot fetch '${target}': ${(e as Error).message}`);
    }
    if (!response.ok) throw new ModelFileError(`Cannot fetch '${target}': HTTP ${response.status} ${response.statusText}.`);
    return new Uint8Array(await response.arrayBuffer());
  }
  throw new ValueError(`Cannot load '${target}': .keras and .h5 files load from a file path or an http(s):// URL.`);
}

export async function writeBinaryAtomic(target: string, bytes: Uint8Array): Promise<void> {
  if (target.startsWith('downloads://')) {
    downloadInBrowser(target.slice('downloads://'.length), bytes);
    return;
  }
  if (!isLocalPath(target)) {
    throw new ValueError(`Cannot save to '${target}': .keras and .h5 files save to a file path (or downloads:// in a browser); use st.io.modelToBytes for anything else.`);
  }
  const [fs, pathModule] = await Promise.all([loadFs(), loadPath()]);
  const path = stripFileScheme(target);
  await fs.mkdir(pathModule.dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

function downloadInBrowser(name: string, bytes: Uint8Array): void {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) throw new ValueError('downloads:// needs a browser page (no document found).');
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
