/**
 * The warning a backend gives, once, when its live buffers doubled (from `from` to `to`) while
 * the program never yielded to the event loop: what is held, and the three ways out.
 *
 * @example
 * ```ts
 * growthWarning('gpujs:webasm', false, 10_000, 20_000); // '@torchlet/backend-gpujs (gpujs:webasm): 20000 …'
 * ```
 */
export function growthWarning(name: string, textures: boolean, from: number, to: number): string {
  const held = textures
    ? 'their GPU memory stays allocated'
    : 'the collector frees their arrays, but the live count and about 100 bytes of bookkeeping each stay';
  return (
    `@torchlet/backend-gpujs (${name}): ${to} device buffers are alive, up from ${from}, and the ` +
    'program has not yielded to the event loop in between. Buffers of garbage-collected tensors ' +
    'are released by a FinalizationRegistry, whose callbacks run only between tasks, so in a ' +
    `loop that never yields ${held}. Yield now and then (\`await new Promise((r) => ` +
    'setImmediate(r))` every few hundred steps; `setTimeout(r, 0)` in a browser), dispose() ' +
    'tensors you keep, or train with fit() from @torchlet/train-loop, which yields for you.'
  );
}
