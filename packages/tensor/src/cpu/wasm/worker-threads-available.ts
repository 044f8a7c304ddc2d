import { nodeBuiltin } from './node-builtin';

let available: boolean | undefined;

/**
 * Whether this runtime can run worker threads: `node:worker_threads` (Node, Deno and Bun have it)
 * and SharedArrayBuffer. Looked up once: every matmul asks.
 *
 * @example
 * ```ts
 * workerThreadsAvailable(); // true in Node 20+, Deno 2 and Bun 1; false in browsers
 * ```
 */
export function workerThreadsAvailable(): boolean {
  available ??=
    typeof SharedArrayBuffer === 'function' &&
    nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads') !== undefined;
  return available;
}
