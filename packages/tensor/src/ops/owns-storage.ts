import type { Tensor } from '../tensor';

/**
 * Whether `t` spans its whole storage, contiguously from offset 0, so that replacing the
 * storage's buffer changes exactly `t`'s elements: what in-place writes (`copy_`, `fill_`, an
 * optimizer's fused step) need, and what a `Parameter` keeps. Views that cover part of a
 * storage, transposed or expanded views are not.
 *
 * @example
 * ```ts
 * ownsStorage(zeros([2, 3])); // true
 * ownsStorage(zeros([2, 3]).reshape([3, 2])); // true: the same elements, in order
 * ownsStorage(zeros([4]).narrow(0, 1, 3)); // false: part of the storage
 * ownsStorage(zeros([2, 3]).transpose(0, 1)); // false: not contiguous
 * ```
 */
export function ownsStorage(t: Tensor): boolean {
  return t.isContiguous() && t.offset === 0 && t.storage.size === t.numel();
}
