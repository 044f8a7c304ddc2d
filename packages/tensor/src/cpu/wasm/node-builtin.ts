/**
 * A Node.js built-in module (`'node:worker_threads'`, `'node:os'`), looked up at run time, or
 * `undefined` outside Node (browsers) and before Node 20.16. Never a static import: Vite bundles
 * this package for browsers, where `node:` modules do not exist.
 *
 * @example
 * ```ts
 * const os = nodeBuiltin<typeof import('node:os')>('node:os');
 * os?.availableParallelism(); // 2
 * ```
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    return process?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}
