import { Tensor } from '@torchlet/tensor';
import { setOwnKey } from './set-own-key';

/**
 * A state split into JSON (with tensor placeholders) and the tensors, by flat name.
 *
 * @example
 * ```ts
 * const { skeleton, tensors }: FlatState = flattenState('optimizer', opt.stateDict());
 * ```
 */
export interface FlatState {
  /** JSON-safe copy of the state; each tensor is replaced by `{ "__tensor__": name }`. */
  skeleton: unknown;
  /** By name; no prototype, so any name (`__proto__`, `constructor`) is an ordinary key. */
  tensors: Record<string, Tensor>;
}

/** Marks where a tensor stood in a flattened state. */
export const TENSOR_KEY = '__tensor__';
/** Encodes numbers JSON cannot hold (NaN, ±Infinity). */
export const NUMBER_KEY = '__number__';

/**
 * Splits a nested state (records, arrays, numbers, strings, booleans, null and Tensors — what
 * `optimizer.stateDict()` returns) into JSON and tensors. Each tensor is named by its path
 * under `prefix` (`optimizer.state.0.scaleByAdam.mu.fc1.weight`) and replaced by a placeholder
 * holding that name, so restoring never has to split names at dots (parameter names contain
 * dots too). Every key is kept as an own key, `__proto__` and `constructor` included.
 *
 * @example
 * ```ts
 * const { skeleton, tensors } = flattenState('optimizer', opt.stateDict());
 * JSON.stringify(skeleton); // {"paramGroups":[…],"state":[{"scaleByAdam":{"mu":{"fc1.weight":{"__tensor__":"optimizer.state.0.scaleByAdam.mu.fc1.weight"}}…
 * ```
 */
export function flattenState(prefix: string, state: unknown): FlatState {
  const tensors: Record<string, Tensor> = Object.create(null);
  const walk = (value: unknown, path: string): unknown => {
    if (value instanceof Tensor) {
      if (path in tensors) {
        throw new Error(`flattenState: two tensors of the state are both named "${path}"`);
      }
      tensors[path] = value;
      return { [TENSOR_KEY]: path };
    }
    if (typeof value === 'number') {
      return Number.isFinite(value) ? value : { [NUMBER_KEY]: String(value) };
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`));
    if (typeof value === 'object' && isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && (keys[0] === TENSOR_KEY || keys[0] === NUMBER_KEY)) {
        throw new Error(`flattenState: ${path} uses the reserved key ${keys[0]}`);
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) setOwnKey(out, key, walk(v, `${path}.${key}`));
      }
      return out;
    }
    throw new TypeError(
      `flattenState: cannot store ${path} (${typeof value}); states may hold records, arrays, ` +
        'numbers, strings, booleans, null and Tensors',
    );
  };
  return { skeleton: walk(state, prefix), tensors };
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
