import type { Tensor } from '@torchlet/tensor';
import { NUMBER_KEY, TENSOR_KEY } from './flatten-state';
import { setOwnKey } from './set-own-key';

/**
 * Rebuilds a state split by {@link flattenState}: placeholders become the tensors they name
 * and encoded NaN/±Infinity become numbers again. Records come back as ordinary objects whose
 * keys are all own keys (`__proto__` and `constructor` included), and tensors are looked up
 * by own name only.
 *
 * @example
 * ```ts
 * const flat = flattenState('optimizer', opt.stateDict());
 * opt.loadStateDict(unflattenState(flat.skeleton, flat.tensors));
 * ```
 */
export function unflattenState(
  skeleton: unknown,
  tensors: Readonly<Record<string, Tensor>>,
): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === TENSOR_KEY) {
      const name = record[TENSOR_KEY] as string;
      const t = hasOwn.call(tensors, name) ? tensors[name] : undefined;
      if (t === undefined) throw new Error(`unflattenState: the tensor "${name}" is missing`);
      return t;
    }
    if (keys.length === 1 && keys[0] === NUMBER_KEY) return Number(record[NUMBER_KEY]);
    const out: Record<string, unknown> = {};
    for (const key of keys) setOwnKey(out, key, walk(record[key]));
    return out;
  };
  return walk(skeleton);
}

const hasOwn = Object.prototype.hasOwnProperty;
