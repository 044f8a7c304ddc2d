import type { Backend } from './backend';
import { setDefaultBackend } from './default-backend';

const AsyncFunction = (async () => {}).constructor;

/**
 * Runs `fn` with `backend` as the default for new tensors, then restores the previous default,
 * even if `fn` throws: PyTorch's `with torch.device(...):`. Returns what `fn` returns. `fn` must
 * be synchronous: tensors made after an `await` would land on whatever the default is by then,
 * so an async `fn` is refused before it runs, and a returned promise throws.
 *
 * @example
 * ```ts
 * const gpu = await gpujs();
 * const model = withDefaultBackend(gpu, () => new Net()); // its parameters live on gpu
 * ```
 */
export function withDefaultBackend<T>(backend: Backend, fn: () => T): T {
  if (typeof fn !== 'function') {
    throw new TypeError(`withDefaultBackend: expected a function, got ${typeof fn}`);
  }
  if (fn instanceof AsyncFunction) throw asyncError();
  const previous = setDefaultBackend(backend);
  let result: T;
  try {
    result = fn();
  } finally {
    setDefaultBackend(previous);
  }
  if (typeof (result as { then?: unknown } | null)?.then === 'function') throw asyncError();
  return result;
}

function asyncError(): TypeError {
  return new TypeError(
    'withDefaultBackend: fn is async (or returned a Promise); the default is restored when fn ' +
      'returns, so tensors made after its first await would go to the previous default. Keep ' +
      'the await outside: `const data = await load(); withDefaultBackend(b, () => tensor(data))`',
  );
}
