import { nodeFs, type NodeFs } from './node-fs';
import { removeStaleTempFiles } from './remove-stale-temp-files';

// Temporary files this process is writing, by file name (the random part makes it unique), shared by every copy of this module
// (an ESM and a CommonJS copy may both be loaded), so that cleaning up never removes one of them.
const IN_FLIGHT = Symbol.for('@torchlet/train-loop:atomicWriteFile.inFlight');
const inFlight: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[
  IN_FLIGHT
] ??= new Set<string>());

/**
 * Writes a file so that readers only ever see the old or the new contents: the bytes go to
 * `path + '.tmp-<pid>-<random>'`, which is flushed to disk (fsync) and then renamed over
 * `path`. If anything fails before the rename, the temporary file is removed and `path` is
 * untouched. Missing parent directories are created. After a successful rename, temporary files
 * of the same `path` that earlier crashed writes left behind are removed (never one that a save
 * still running in this or another live process is writing). Node only.
 *
 * @example
 * ```ts
 * await atomicWriteFile('runs/loss.svg', svgText);
 * ```
 */
export async function atomicWriteFile(
  path: string,
  data: Uint8Array | string,
  op = 'atomicWriteFile',
): Promise<void> {
  const fs = await nodeFs(op);
  const { basename, dirname } = await import('node:path');
  const dir = dirname(path);
  await fs.promises.mkdir(dir, { recursive: true });
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  const tmp = `${path}.tmp-${pid}-${Math.random().toString(36).slice(2, 10)}`;
  const tmpKey = basename(tmp);
  let handle: Awaited<ReturnType<NodeFs['promises']['open']>> | undefined;
  inFlight.add(tmpKey);
  try {
    handle = await fs.promises.open(tmp, 'wx');
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, written);
      written += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.promises.rename(tmp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(tmpKey);
  }
  await syncDirectory(fs, dir);
  await removeStaleTempFiles(fs, path, inFlight);
}

/** Flushes the directory entry so the rename itself survives a crash (best effort). */
async function syncDirectory(fs: NodeFs, dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the data itself is flushed.
  }
}
