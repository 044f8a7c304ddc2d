import type { AttentionLayout } from '../kernels/attention-layout';
import { dotLines } from './dot-lines';
import { offsetExpression } from './offset-expression';

/**
 * Where one attention score reads its inputs: the kernel's names for them.
 *
 * @example
 * ```ts
 * const at: AttentionScoreNames = { q: 'x0', qRow: 'qr', k: 'x1', kRow: 'kr', mask: 'x2', i: 'c1', j: 'j', scale: 'p3' };
 * ```
 */
export interface AttentionScoreNames {
  /** The q array and the expression of query `i`'s row start in it. */
  readonly q: string;
  readonly qRow: string;
  /** The k array and the expression of key `j`'s row start in it. */
  readonly k: string;
  readonly kRow: string;
  /** The mask array (its row start is `mr`, from `attentionMaskRowLines`), when there is one. */
  readonly mask: string;
  /** The query and key indices within the `[L, S]` problem. */
  readonly i: string;
  readonly j: string;
  /** The number argument holding the scale. */
  readonly scale: string;
}

/**
 * Kernel lines that compute the score `s = q_i·k_j·scale (+ mask)` of query `i` and key `j` and
 * run `inner` with it, only for keys that take part: with `causal`, `inner` runs for `j ≤ i`
 * (the mask is computed from the indices, never read), and with a bool mask where it is not 0
 * (`masked` runs where it is 0). Keys left out skip the dot product too. An additive mask's −∞
 * gives `s = −∞`, which `inner` handles.
 *
 * @example
 * ```ts
 * attentionScoreLines(layout, true, names, ['p = Math.exp(s - lse);']);
 * // ['if (j <= c1) {', '  let s = 0;', …, '  p = Math.exp(s - lse);', '}']
 * ```
 */
export function attentionScoreLines(
  layout: AttentionLayout,
  causal: boolean,
  at: AttentionScoreNames,
  inner: readonly string[],
  masked: readonly string[] = [],
): string[] {
  const { mask, E } = layout;
  const maskAt =
    mask === null ? '' : `${at.mask}[${offsetExpression('mr', [at.j], [mask.colStride])}]`;
  let lines = [
    ...dotLines('s', at.q, at.qRow, at.k, at.kRow, E, 'e'),
    `s = s * ${at.scale};`,
    ...(mask !== null && !mask.bool ? [`s = s + ${maskAt};`] : []),
    ...inner,
  ];
  const guard = (condition: string, otherwise: readonly string[] = []): string[] => [
    `if (${condition}) {`,
    ...lines.map((l) => `  ${l}`),
    ...(otherwise.length === 0 ? [] : ['} else {', ...otherwise.map((l) => `  ${l}`)]),
    '}',
  ];
  if (mask !== null && mask.bool) lines = guard(`${maskAt} !== 0`, masked);
  if (causal) lines = guard(`${at.j} <= ${at.i}`);
  return lines;
}
