// Zip archives (the .keras container) through fflate, loaded on first use.
import { ModelFileError } from '../../errors.js';

type Fflate = typeof import('fflate');
let loading: Promise<Fflate> | null = null;

function loadFflate(): Promise<Fflate> {
  loading ??= import('fflate');
  return loading;
}

/** The archive's entries by name. A damaged archive gives a ModelFileError naming `source`. */
export async function unzip(bytes: Uint8Array, source: string): Promise<Map<string, Uint8Array>> {
  const { unzipSync } = await loadFflate();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ModelFileError(`${source}: not a readable zip archive (${(e as Error).message}).`);
  }
  return new Map(Object.entries(entries));
}

/** Stores entries uncompressed, in the given order, as Python's zipfile does for .keras files. */
export async function zip(entries: ReadonlyArray<[string, Uint8Array]>): Promise<Uint8Array> {
  const { zipSync } = await loadFflate();
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of entries) files[name] = [data, { level: 0 }];
  return zipSync(files);
}
