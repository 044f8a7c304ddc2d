import type { Backend, View } from '../../backend';
import type { DType } from '../../dtype';
import { contiguousStridesOf } from './contiguous-strides-of';
import { numelOf } from './numel-of';
import { readStrided } from './read-strided';
import { toDType } from './to-dtype';

// Operands: a host copy of a whole buffer plus the strided view the kernel sees.

/**
 * Memory layouts of test views. `offset` starts a contiguous view 5 elements in; `transposed`
 * stores dims in reverse order (a `.T`/`permute` view); `padded` leaves gaps between rows and
 * steps 2 along the last dim (a strided slice) and starts at offset 3.
 */
export type Layout = 'contiguous' | 'offset' | 'transposed' | 'padded';

/** A test input: the view a kernel sees, plus the host values the reference code reads. */
export interface Operand<B> {
  readonly view: View<B>;
  /** Every element of the uploaded buffer, gaps included. */
  readonly storage: number[];
  /** The view's elements in row-major order, read through the strides by reference code. */
  readonly values: number[];
}

function layoutOf(shape: readonly number[], layout: Layout): { strides: number[]; offset: number } {
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(0);
  switch (layout) {
    case 'contiguous':
    case 'offset':
      return { strides: contiguousStridesOf(shape), offset: layout === 'offset' ? 5 : 0 };
    case 'transposed': {
      let s = 1;
      for (let d = 0; d < nd; d++) {
        strides[d] = s;
        s *= shape[d];
      }
      return { strides, offset: 0 };
    }
    case 'padded': {
      let s = 2;
      for (let d = nd - 1; d >= 0; d--) {
        strides[d] = s;
        s *= shape[d] + 1;
      }
      return { strides, offset: 3 };
    }
  }
}

/**
 * Uploads a buffer filled from `gen` (gaps too, so a kernel that reads a wrong slot sees a wrong
 * value) and returns the view of `shape` in `layout`. Dims listed in `broadcast` get stride 0.
 */
export function operand<B>(
  backend: Backend<B>,
  dtype: DType,
  shape: readonly number[],
  layout: Layout,
  gen: () => number,
  broadcast: readonly number[] = [],
): Operand<B> {
  const { strides, offset } = layoutOf(shape, layout);
  for (const d of broadcast) strides[d] = 0;
  // Room for the last element plus two trailing slots a kernel must not read.
  let size = offset + 3;
  if (numelOf(shape) > 0) {
    for (let d = 0; d < shape.length; d++) size += (shape[d] - 1) * strides[d];
  }
  const storage = Array.from({ length: size }, () => toDType(gen(), dtype));
  const view: View<B> = {
    buffer: backend.upload(storage, dtype),
    dtype,
    shape: [...shape],
    strides,
    offset,
  };
  return { view, storage, values: readStrided(storage, shape, strides, offset) };
}
