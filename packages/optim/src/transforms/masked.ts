import type { GradientTransform, Params } from '../types';

function pick(params: Params, mask: (name: string) => boolean): Params {
  const out: Record<string, Params[string]> = {};
  for (const name of Object.keys(params)) if (mask(name)) out[name] = params[name];
  return out;
}

/**
 * Applies `inner` only to the parameters `mask` selects; the others pass through unchanged.
 *
 * @example
 * ```ts
 * masked(addDecayedWeights(0.01), (name) => name.endsWith('.weight'));
 * ```
 */
export function masked<S>(
  inner: GradientTransform<S>,
  mask: (name: string) => boolean,
): GradientTransform<S> {
  return {
    name: `masked(${inner.name})`,
    init: (params) => inner.init(pick(params, mask)),
    update(grads, state, params) {
      const result = inner.update(pick(grads, mask), state, pick(params, mask));
      return { updates: { ...grads, ...result.updates }, state: result.state };
    },
    checkState: (state, params, path) => inner.checkState?.(state, pick(params, mask), path),
  };
}
