import type { View } from '@torchlet/tensor';
import { coalesceDims } from '../codegen/coalesce-dims';
import type { GpuBuffer } from '../gpu-buffer';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * How the attention kernels read a mask of shape `[...batchDims, L, S]`: its batch dims merged
 * where their strides allow (a stride 0 broadcasts it), then its row and column strides. All
 * of them are literals of the compiled kernels; the offset is an argument.
 *
 * @example
 * ```ts
 * const m: AttentionMaskLayout = { bool: true, batchShape: [2, 3], batchStrides: [20, 0], rowStride: 1, colStride: 4, key: '…' };
 * ```
 */
export interface AttentionMaskLayout {
  /** Bool masks select keys (0: left out); others are added to the scores. */
  readonly bool: boolean;
  readonly batchShape: readonly number[];
  readonly batchStrides: readonly number[];
  readonly rowStride: number;
  readonly colStride: number;
  /** What the kernel keys hold of the mask. */
  readonly key: string;
}

/**
 * The options of one attention call, as the Backend spec passes them: the causal flag (a
 * constant of the compiled kernels) and the scale (a number argument).
 *
 * @example
 * ```ts
 * const options: AttentionOptions = { causal: true, scale: 1 / Math.sqrt(32) };
 * ```
 */
export interface AttentionOptions {
  readonly causal: boolean;
  readonly scale: number;
}

/**
 * The sizes of one attention call, checked: `q` `[batch, L, E]`, `k` `[batch, S, E]`, `v`
 * `[batch, S, Ev]`, and the mask's layout.
 *
 * @example
 * ```ts
 * const { batch, L, S, E, Ev, mask }: AttentionLayout = attentionLayout('attention', q, k, v, null, null);
 * ```
 */
export interface AttentionLayout {
  readonly batch: number;
  readonly L: number;
  readonly S: number;
  readonly E: number;
  readonly Ev: number;
  readonly mask: AttentionMaskLayout | null;
}

const shapeText = (v: View<unknown>): string => `[${v.shape.join(', ')}]`;

/**
 * Checks the views of an attention kernel and returns their sizes. `q`, `k`, `v` (and
 * `dropout`, `[batch, L, S]`) must be contiguous (any offset), as the Backend spec promises;
 * the mask may have any strides. Shapes that do not fit throw a RangeError naming `op` and the
 * shapes, instead of a kernel reading out of bounds.
 *
 * @example
 * ```ts
 * attentionLayout('attention', q, k, v, mask, null); // q [8, 16, 4], k [8, 20, 4], v [8, 20, 6]
 * // { batch: 8, L: 16, S: 20, E: 4, Ev: 6, mask: { … } }
 * ```
 */
export function attentionLayout(
  op: string,
  q: View<GpuBuffer>,
  k: View<GpuBuffer>,
  v: View<GpuBuffer>,
  mask: View<GpuBuffer> | null,
  dropout: View<GpuBuffer> | null,
): AttentionLayout {
  for (const x of [q, k, v]) rowLayout(op, x);
  const [batch, L, E] = q.shape;
  const [, S] = k.shape;
  const Ev = v.shape[2];
  const fits =
    [q, k, v].every((x) => x.shape.length === 3 && x.shape[0] === batch) &&
    k.shape[2] === E &&
    v.shape[1] === S;
  if (!fits) {
    throw new RangeError(
      `${op}: expected q [batch, L, E], k [batch, S, E] and v [batch, S, Ev], got q ` +
        `${shapeText(q)}, k ${shapeText(k)} and v ${shapeText(v)}`,
    );
  }
  if (dropout !== null) {
    rowLayout(op, dropout);
    const want = [batch, L, S];
    if (dropout.shape.length !== 3 || dropout.shape.some((n, d) => n !== want[d])) {
      throw new RangeError(
        `${op}: the dropout multipliers must have shape [${want.join(', ')}], got ` +
          shapeText(dropout),
      );
    }
  }
  return { batch, L, S, E, Ev, mask: mask === null ? null : maskLayout(op, mask, batch, L, S) };
}

function maskLayout(
  op: string,
  mask: View<GpuBuffer>,
  batch: number,
  L: number,
  S: number,
): AttentionMaskLayout {
  const nd = mask.shape.length;
  const batchDims = mask.shape.slice(0, nd - 2);
  if (
    nd < 2 ||
    mask.shape[nd - 2] !== L ||
    mask.shape[nd - 1] !== S ||
    batchDims.reduce((a, b) => a * b, 1) !== batch
  ) {
    throw new RangeError(
      `${op}: the mask must have shape [...batchDims, ${L}, ${S}] with batch dims that ` +
        `multiply to ${batch}, got ${shapeText(mask)}`,
    );
  }
  const merged = coalesceDims(batchDims, [mask.strides.slice(0, nd - 2)]);
  const bool = mask.dtype === 'bool';
  const rowStride = mask.strides[nd - 2];
  const colStride = mask.strides[nd - 1];
  return {
    bool,
    batchShape: merged.shape,
    batchStrides: merged.strides[0],
    rowStride,
    colStride,
    key:
      `${bool ? 'bool' : 'add'}${shapeKey(merged.shape)}` +
      `${shapeKey([...merged.strides[0], rowStride, colStride])}`,
  };
}
