import { formatShape, sameShape, Tensor } from '@torchlet/tensor';
import type { Params } from './types';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Tensor) return `a Tensor`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * Checks that `value` is a plain record holding exactly the keys `keys` and returns it. Part of
 * the transforms' `checkState`. @internal
 *
 * @example
 * ```ts
 * const s = expectRecord(state, 'state[0].scaleByLearningRate', ['count', 'lr']);
 * ```
 */
export function expectRecord(
  value: unknown,
  path: string,
  keys: readonly string[],
): Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Tensor
  )
    throw new Error(`${path} should be a record of [${keys.join(', ')}], got ${describe(value)}`);
  const record = value as Record<string, unknown>;
  const have = Object.keys(record).filter((k) => record[k] !== undefined);
  const missing = keys.filter((k) => !have.includes(k));
  const extra = have.filter((k) => !keys.includes(k));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${path} should hold [${keys.join(', ')}], got [${have.join(', ')}]` +
        (missing.length > 0 ? `: ${missing.join(', ')} missing` : `: ${extra.join(', ')} unknown`),
    );
  }
  return record;
}

/** A finite integer >= 0, as step counts are. @internal */
export function checkCount(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${path} should be an integer >= 0 (a step count), got ${describe(value)}`);
}

/**
 * Checks a record keyed by parameter name (Adam's `mu`, momentum `buffers`, …): every key names
 * one of `params`; with `complete`, every parameter has an entry; each entry is a Tensor of its
 * parameter's shape and dtype (`kind: 'tensor'`) or a step count (`kind: 'count'`). @internal
 *
 * @example
 * ```ts
 * checkParamRecord(state.mu, params, 'state[0].scaleByAdam.mu', { kind: 'tensor', complete: true });
 * ```
 */
export function checkParamRecord(
  value: unknown,
  params: Params,
  path: string,
  options: { kind: 'tensor' | 'count'; complete: boolean },
): void {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Tensor
  )
    throw new Error(`${path} should be a record keyed by parameter name, got ${describe(value)}`);
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!(name in params))
      throw new Error(`${path} has an entry for '${name}', which is not a parameter of this group`);
  }
  for (const [name, p] of Object.entries(params)) {
    const entry = record[name];
    const where = `${path}['${name}']`;
    if (entry === undefined) {
      if (options.complete) throw new Error(`${path} has no entry for parameter '${name}'`);
      continue;
    }
    if (options.kind === 'count') {
      checkCount(entry, where);
      continue;
    }
    if (!(entry instanceof Tensor))
      throw new Error(`${where} should be a Tensor, got ${describe(entry)}`);
    if (!sameShape(entry.shape, p.shape)) {
      throw new Error(
        `${where} has shape ${formatShape(entry.shape)}, the parameter has shape ${formatShape(p.shape)}`,
      );
    }
    if (entry.dtype !== p.dtype)
      throw new Error(`${where} is ${entry.dtype}, the parameter is ${p.dtype}`);
  }
}
