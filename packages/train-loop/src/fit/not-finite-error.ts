/**
 * The error that ends `fit` when the loss or the gradient norm of a step is NaN or infinite
 * (before the weights change): it names the step and the last checkpoint written, which is
 * intact. The step is also on the error, as `step`.
 *
 * @example
 * ```ts
 * throw notFiniteError('loss', NaN, 137, { path: 'runs/last.safetensors', step: 100 });
 * // fit: loss became NaN at step 137; the last good checkpoint (runs/last.safetensors, step 100) is intact
 * ```
 */
export function notFiniteError(
  what: string,
  value: number,
  step: number,
  lastCheckpoint: { path: string; step: number } | null,
): Error & { step: number } {
  const where =
    lastCheckpoint === null
      ? 'no checkpoint had been written in this run'
      : `the last good checkpoint (${lastCheckpoint.path}, step ${lastCheckpoint.step}) is intact`;
  return Object.assign(new Error(`fit: ${what} became ${value} at step ${step}; ${where}`), {
    step,
  });
}
