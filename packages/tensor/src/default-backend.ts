import type { Backend } from './backend';
import { cpuBackend } from './cpu/cpu-backend';

let current: Backend = cpuBackend as Backend;

/**
 * The backend that creation functions (`tensor`, `zeros`, `randn`, …) place new tensors on.
 * Ops run on the backend of their inputs.
 *
 * @example
 * ```ts
 * getDefaultBackend().name; // 'cpu'
 * ```
 */
export function getDefaultBackend(): Backend {
  return current;
}

/**
 * Makes `backend` the default for new tensors, and returns the previous one.
 *
 * @example
 * ```ts
 * const previous = setDefaultBackend(myBackend);
 * // … create tensors on myBackend …
 * setDefaultBackend(previous);
 * ```
 */
export function setDefaultBackend(backend: Backend): Backend {
  const previous = current;
  current = backend;
  return previous;
}
