import { Tensor, type Backend } from '@torchlet/tensor';

/**
 * `state` with every tensor on its parameter's backend: a tensor stored under a parameter's name
 * (`mu['fc1.weight']`) goes where that parameter is, any other tensor where the whole group is
 * (`groupBackend`, when its parameters share one). Returns `state` itself, and makes nothing,
 * when every tensor is already in place, so an optimizer can call it at every step; otherwise a
 * copy in which only the records on the path to a moved tensor are new. Nothing is freed here:
 * the caller owns the tensors it leaves behind. @internal
 *
 * @example
 * ```ts
 * model.to(gpu); // after the optimizer made its moments on the CPU
 * const next = followParams(state, new Map(model.namedParameters()), gpu); // moments on gpu
 * ```
 */
export function followParams(
  state: unknown,
  params: ReadonlyMap<string, Tensor>,
  groupBackend: Backend | undefined,
  key = '',
): unknown {
  if (state instanceof Tensor) {
    const target = params.get(key)?.backend ?? groupBackend;
    return target === undefined || target === state.backend ? state : state.to(target);
  }
  if (Array.isArray(state)) {
    let out: unknown[] | undefined;
    state.forEach((v, i) => {
      const next = followParams(v, params, groupBackend);
      if (next !== v) (out ??= [...state])[i] = next;
    });
    return out ?? state;
  }
  if (state === null || typeof state !== 'object') return state;
  let out: Record<string, unknown> | undefined;
  const record = state as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const v = record[k];
    const next = followParams(v, params, groupBackend, k);
    if (next === v) continue;
    out ??= { ...record };
    // Defined, not assigned, so a parameter named `__proto__` stays an own key.
    Object.defineProperty(out, k, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out ?? state;
}
