import type { Backend, View } from '../../backend';
import type { DType } from '../../dtype';
import { contiguousStridesOf } from './contiguous-strides-of';
import type { Operand } from './operand';
import { toDType } from './to-dtype';

/** A contiguous operand holding exactly `values`. */
export function exact<B>(
  backend: Backend<B>,
  dtype: DType,
  values: readonly number[],
  shape?: readonly number[],
): Operand<B> {
  const s = shape ?? [values.length];
  const storage = values.map((v) => toDType(v, dtype));
  const view: View<B> = {
    buffer: backend.upload(storage, dtype),
    dtype,
    shape: [...s],
    strides: contiguousStridesOf(s),
    offset: 0,
  };
  return { view, storage, values: storage.slice() };
}
