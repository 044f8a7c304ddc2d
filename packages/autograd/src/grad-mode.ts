let enabled = true;

/** Whether operations are recorded for autograd right now. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Turns recording on or off, and returns the previous setting. Prefer {@link noGrad}. */
export function setGradEnabled(mode: boolean): boolean {
  const previous = enabled;
  enabled = mode;
  return previous;
}

/**
 * Runs `fn` with recording off, like `with torch.no_grad():`. Use it for evaluation and for
 * updates that must not enter the graph. The previous mode is restored even if `fn` throws.
 * `fn` must be synchronous: an async `fn` is refused (see the error for the fix).
 *
 * @example
 * ```ts
 * const logits = noGrad(() => model.forward(x)); // no graph, no saved tensors
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode('noGrad', false, fn);
}

/**
 * Runs `fn` with recording on, even inside {@link noGrad}, like `with torch.enable_grad():`.
 *
 * @example
 * ```ts
 * noGrad(() => enableGrad(() => x.mul(2))).requiresGrad; // true when x requires grad
 * ```
 */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode('enableGrad', true, fn);
}

/**
 * Runs a synchronous `fn` with recording set to `mode`. The mode is one global flag: it cannot
 * follow an async function across its `await`s (its continuations run after the mode was
 * restored), so async functions are refused before they run, and a returned promise throws.
 */
function withGradMode<T>(op: string, mode: boolean, fn: () => T): T {
  if (typeof fn !== 'function') {
    throw new TypeError(`${op}: expected a function, got ${typeof fn}`);
  }
  if (isAsyncFunction(fn)) throw asyncError(op);
  const previous = setGradEnabled(mode);
  let result: T;
  try {
    result = fn();
  } finally {
    setGradEnabled(previous);
  }
  if (isThenable(result)) throw asyncError(op);
  return result;
}

const AsyncFunction = (async () => {}).constructor;

function isAsyncFunction(fn: unknown): boolean {
  return fn instanceof AsyncFunction;
}

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function asyncError(op: string): TypeError {
  return new TypeError(
    `${op}: fn is async (or returned a Promise); the grad mode is restored when fn returns, so ` +
      'the code after its first await would run with the other mode. Keep the await outside: ' +
      `\`const batch = await next(); ${op}(() => model.forward(batch))\``,
  );
}
