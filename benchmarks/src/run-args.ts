/** What `pnpm bench` was asked for. */
export interface RunArgs {
  /** The suites to run, in the order given; empty for all of them. */
  suites: string[];
  /** Where to write the JSON report (`--json <file>`), as given; undefined for none. */
  json?: string;
}

const USAGE = 'usage: pnpm bench [--json <file>] [suite...]';

/**
 * Parses run-all's command line: suite names, and `--json <file>` (or `--json=<file>`) anywhere
 * among them. Throws on an unknown option, a `--json` without its file or given twice, and an
 * unknown suite, so that a typo never silently runs the full 10-minute benchmark.
 *
 * @example
 * ```ts
 * parseRunArgs(['--json', 'out.json', 'matmul'], ['matmul', 'gpt']);
 * // { suites: ['matmul'], json: 'out.json' }
 * ```
 */
export function parseRunArgs(argv: readonly string[], known: readonly string[]): RunArgs {
  const suites: string[] = [];
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json' || arg.startsWith('--json=')) {
      const file = arg === '--json' ? argv[++i] : arg.slice('--json='.length);
      if (file === undefined || file === '' || file.startsWith('-')) {
        throw new Error(`--json needs a file name; ${USAGE}`);
      }
      if (json !== undefined) throw new Error(`--json given twice; ${USAGE}`);
      json = file;
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}; ${USAGE}`);
    } else {
      suites.push(arg);
    }
  }
  const unknown = suites.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return json === undefined ? { suites } : { suites, json };
}
