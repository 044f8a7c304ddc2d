import type { Tensor } from '@torchlet/tensor';
import type { ParamGroup } from './optimizer-like';
import type { GradientTransform } from './types';

/** What {@link checkOptimizerState} needs to know about the optimizer that loads. @internal */
export interface LoadingOptimizer<G extends ParamGroup> {
  name: string;
  groups: readonly G[];
  /** The hyperparameter keys every group holds. */
  hyperparameters: readonly string[];
  validate(group: G): void;
  transformFor(group: G): GradientTransform;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Re-throws `error` (same class) with `prefix` in front of its message. */
function rethrow(prefix: string, error: unknown): never {
  if (!(error instanceof Error)) throw error;
  const Kind = error.constructor as new (message: string, options?: ErrorOptions) => Error;
  throw new Kind(`${prefix}${error.message}`, { cause: error });
}

/**
 * Checks a saved optimizer state against the optimizer that is about to load it, completely and
 * without changing anything: the kind that saved it, the number of groups and each group's
 * parameter names and hyperparameter keys and values, and each group's transform state (every
 * parameter's entries present, with the parameter's shape and dtype; no unknown names). Throws
 * `<Kind>.loadStateDict: …` naming the first problem; returns each group's saved
 * hyperparameters (without `names`) to assign. @internal
 *
 * @example
 * ```ts
 * const hyper = checkOptimizerState(loading, saved); // throws, or every part is loadable
 * ```
 */
export function checkOptimizerState<G extends ParamGroup>(
  optimizer: LoadingOptimizer<G>,
  saved: unknown,
): Record<string, unknown>[] {
  const { name, groups } = optimizer;
  const op = `${name}.loadStateDict`;
  if (!isRecord(saved) || !Array.isArray(saved.paramGroups) || !Array.isArray(saved.state)) {
    throw new TypeError(
      `${op}: expected { optimizer, paramGroups, state } as stateDict() returns, got ${describe(saved)}` +
        (isRecord(saved) ? ` with keys [${Object.keys(saved).join(', ')}]` : ''),
    );
  }
  for (const key of Object.keys(saved)) {
    if (!['optimizer', 'paramGroups', 'state'].includes(key) && saved[key] !== undefined)
      throw new Error(
        `${op}: unknown key '${key}'; a state dict holds optimizer, paramGroups and state`,
      );
  }
  // Dicts saved before the kind was recorded have none; their state's layout is checked below.
  if (saved.optimizer !== undefined && saved.optimizer !== name) {
    const kind = String(saved.optimizer);
    throw new Error(
      `${op}: this state was saved by ${kind}; ${name} cannot load another optimizer's state ` +
        `(load it into ${kind}, or start ${name} without it)`,
    );
  }
  if (saved.paramGroups.length !== groups.length) {
    throw new Error(
      `${op}: the saved state has ${saved.paramGroups.length} param groups, this optimizer has ${groups.length}`,
    );
  }
  if (saved.state.length !== groups.length) {
    throw new Error(
      `${op}: the saved state has ${saved.state.length} group states for ${groups.length} param groups`,
    );
  }
  const expected = [...optimizer.hyperparameters, 'names'];
  const states: unknown[] = saved.state;
  return saved.paramGroups.map((g: unknown, i) => {
    const mine = groups[i];
    if (!isRecord(g))
      throw new TypeError(`${op}: paramGroups[${i}] should be a record, got ${describe(g)}`);
    const names = g.names;
    if (
      !Array.isArray(names) ||
      names.length !== mine.names.length ||
      names.some((n, j) => n !== mine.names[j])
    ) {
      throw new Error(
        `${op}: param group ${i} holds [${Array.isArray(names) ? names.join(', ') : String(names)}] in the saved state but [${mine.names.join(', ')}] here`,
      );
    }
    const keys = Object.keys(g).filter((k) => g[k] !== undefined);
    const missing = expected.filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !expected.includes(k));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(
        `${op}: paramGroups[${i}] holds [${keys.join(', ')}] but ${name}'s groups hold ` +
          `[${expected.join(', ')}] (${missing.length > 0 ? `${missing.join(', ')} missing` : `${extra.join(', ')} unknown`}); was it saved by another optimizer?`,
      );
    }
    const hyper: Record<string, unknown> = {};
    for (const k of optimizer.hyperparameters) hyper[k] = g[k];
    const merged = { ...mine, ...hyper } as G;
    try {
      optimizer.validate(merged);
    } catch (error) {
      rethrow(`${op}: paramGroups[${i}]: `, error);
    }
    const params: Record<string, Tensor> = {};
    merged.names.forEach((n, j) => (params[n] = merged.params[j]));
    try {
      optimizer.transformFor(merged).checkState?.(states[i], params, `state[${i}]`);
    } catch (error) {
      rethrow(`${op}: `, error);
    }
    return hyper;
  });
}
