/**
 * Returns `pause`: `await pause()` yields one macrotask to the event loop when at least
 * `intervalMs` passed since its last yield, and is a bare microtask otherwise (one clock read).
 * `fit` and `evaluate` call it once per batch. A macrotask, not a microtask, because
 * `FinalizationRegistry` callbacks (which release the device buffers of collected tensors on
 * backends such as `@torchlet/backend-gpujs`) and timers only run between tasks: a loop that
 * awaits only promises never lets them in. The task is `setImmediate` in Node, a
 * `MessageChannel` message in browsers (unlike nested `setTimeout`, not clamped to 4 ms).
 *
 * @example
 * ```ts
 * const pause = periodicYield(20);
 * for (const batch of batches) {
 *   step(batch);
 *   await pause();
 * }
 * ```
 */
export function periodicYield(intervalMs: number): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return undefined;
    last = now;
    return new Promise<void>((resolve) => nextMacrotask(resolve));
  };
}

function nextMacrotask(callback: () => void): void {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    g.setImmediate(callback);
  } else if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(null);
  } else {
    setTimeout(callback, 0);
  }
}
