/**
 * Runs `callback` in a new task of the event loop (not a microtask), where pending
 * `FinalizationRegistry` callbacks get their turn first: `setImmediate` in Node, a
 * `MessageChannel` message in browsers (no 4 ms clamp, unlike nested `setTimeout`).
 *
 * @example
 * ```ts
 * await new Promise<void>((resolve) => nextTask(resolve));
 * ```
 */
export function nextTask(callback: () => void): void {
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
