import type { NodeFs } from './node-fs';

/**
 * Removes the temporary files that {@link atomicWriteFile} leaves next to `path` when a process
 * dies before its rename: `<name>.tmp-<pid>-<random>` in the same folder, for this target only.
 * A file is kept when it may still be written: it is in `inFlight` (a save of this process that
 * has not finished; by file name), or its pid belongs to another process that is still running. A temporary
 * file carrying this process's own pid but not in flight is left over from an earlier process
 * that had the same pid (containers reuse pids), so it goes. Best effort: errors are ignored,
 * since the save itself has already succeeded.
 *
 * @example
 * ```ts
 * await fs.promises.rename(tmp, path);
 * await removeStaleTempFiles(fs, path, new Set([otherTmp]));
 * ```
 */
export async function removeStaleTempFiles(
  fs: NodeFs,
  path: string,
  inFlight: ReadonlySet<string>,
): Promise<string[]> {
  const { basename, dirname, join } = await import('node:path');
  const dir = dirname(path);
  const prefix = `${basename(path)}.tmp-`;
  const own = (globalThis as { process?: { pid?: number } }).process?.pid;
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-[0-9a-z]*$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    if (inFlight.has(name)) continue;
    const file = join(dir, name);
    const pid = Number(match[1]);
    if (pid !== own && isRunning(pid)) continue;
    try {
      await fs.promises.rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: nothing to do.
    }
  }
  return removed;
}

/** Whether a process with this pid exists (signal 0 only checks); unknown counts as running. */
function isRunning(pid: number): boolean {
  const kill = (globalThis as { process?: { kill?: (pid: number, signal: number) => void } })
    .process?.kill;
  if (kill === undefined || !Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== 'ESRCH';
  }
}
