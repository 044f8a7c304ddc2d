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
 *
 * @example
 * ```ts
 * const logits = noGrad(() => model.forward(x)); // no graph, no saved tensors
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  const previous = setGradEnabled(false);
  try {
    return fn();
  } finally {
    setGradEnabled(previous);
  }
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
  const previous = setGradEnabled(true);
  try {
    return fn();
  } finally {
    setGradEnabled(previous);
  }
}
