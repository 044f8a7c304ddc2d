import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A Python 3 to cross-check files with: `/usr/bin/python3` if it exists, else `python3` on the
 * PATH, else null (tests that need it are then skipped, with a message).
 *
 * @example
 * ```ts
 * const python = findPython();
 * it.skipIf(python === null)('is read by Python', () => { ... });
 * ```
 */
export function findPython(): string | null {
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  try {
    execFileSync('python3', ['-c', 'pass'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return null;
  }
}
