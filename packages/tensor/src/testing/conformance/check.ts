import type { Backend } from '../../backend';
import type { DType } from '../../dtype';
import { expectValues } from './expect-values';
import { readBack } from './read-back';

/** Reads `buffer` and checks it against `want`. */
export async function check<B>(
  backend: Backend<B>,
  label: string,
  buffer: B,
  dtype: DType,
  want: readonly number[],
  shape: readonly number[],
  slack?: readonly number[],
): Promise<void> {
  expectValues(label, await readBack(backend, buffer, dtype, label), want, dtype, shape, slack);
}
