import { Tensor } from '@torchlet/tensor';

/**
 * The tensors among a saved record's top-level fields (or in arrays there): a node checks their
 * versions before its backward runs.
 *
 * @example
 * ```ts
 * savedTensors({ x, shape: [2, 3], parts: [a, b] }); // [x, a, b]
 * ```
 */
export function savedTensors(saved: unknown): Tensor[] {
  const out: Tensor[] = [];
  if (saved === null || typeof saved !== 'object') return out;
  for (const key in saved) {
    const value = (saved as Record<string, unknown>)[key];
    if (value instanceof Tensor) out.push(value);
    else if (Array.isArray(value)) for (const v of value) if (v instanceof Tensor) out.push(v);
  }
  return out;
}
