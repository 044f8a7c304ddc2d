import { noGrad } from '@torchlet/autograd';
import { ownsStorage, trackStorages, type Storage, type Tensor } from '@torchlet/tensor';
import { clipCoefficient } from './clip-coefficient';
import { resolveClipGradNormOptions, type ClipGradNormOptions } from './clip-grad-norm-options';
import { globalNorm } from './transforms/clip-by-global-norm';

/**
 * Scales the gradients of `params` in place so that their global norm is at most `maxNorm`, and
 * returns the norm before clipping, like `torch.nn.utils.clip_grad_norm_` in PyTorch 1.13: the
 * norm of all gradients together (`normType` 2 by default, `Infinity` for the largest
 * magnitude), then every gradient times `min(maxNorm / (norm + 1e-6), 1)`. Parameters without
 * a gradient are skipped.
 *
 * A non-finite norm (an inf or NaN gradient, or float32 squares that overflow, as 1e19-sized
 * gradients do) is scaled by as PyTorch does: an inf norm zeroes the gradients (NaN where a
 * gradient was inf), a NaN norm makes them NaN. With `errorIfNonfinite: true` it throws instead
 * and leaves them alone.
 *
 * @example
 * ```ts
 * loss.backward();
 * const norm = clipGradNorm(model.parameters(), 1.0, { errorIfNonfinite: true });
 * opt.step();
 * ```
 */
export function clipGradNorm(
  params: Iterable<Tensor>,
  maxNorm: number,
  options?: ClipGradNormOptions,
): number;
export function clipGradNorm(
  params: Iterable<Tensor>,
  maxNorm: number,
  normType?: number,
  options?: Omit<ClipGradNormOptions, 'normType'>,
): number;
export function clipGradNorm(
  params: Iterable<Tensor>,
  maxNorm: number,
  normTypeOrOptions: number | ClipGradNormOptions = 2,
  options: ClipGradNormOptions = {},
): number {
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0)) {
    throw new RangeError(
      `clipGradNorm: maxNorm must be a number >= 0, got ${typeof maxNorm === 'number' ? '' : `${typeof maxNorm} `}${String(maxNorm)}`,
    );
  }
  const { normType, errorIfNonfinite } = resolveClipGradNormOptions(normTypeOrOptions, options);
  const withGrad = [...params].filter((p) => p.grad !== null);
  const norm = temporaryWork(() =>
    globalNorm(
      withGrad.map((p) => p.grad!),
      normType,
    ),
  );
  if (errorIfNonfinite && !Number.isFinite(norm)) throw new Error(nonfiniteMessage(normType));
  const coefficient = clipCoefficient(
    maxNorm,
    norm,
    withGrad.map((p) => p.grad!),
  );
  // NaN !== 1: a NaN norm makes the gradients NaN, as in PyTorch.
  if (coefficient !== 1) noGrad(() => withGrad.forEach((p) => scaleGrad(p, coefficient)));
  return norm;
}

/**
 * Runs `fn` under `noGrad` and frees every storage it made at once (its result is a number, or
 * was copied into an existing gradient), so a loop that never yields to the garbage collector
 * does not pile them up on a device backend.
 */
function temporaryWork<T>(fn: () => T): T {
  const made: Storage[] = [];
  try {
    return noGrad(() => trackStorages(made, fn));
  } finally {
    for (const s of made) s.dispose();
  }
}

/**
 * `grad *= coefficient` in place, as PyTorch's `g.detach().mul_(c)`: the gradient keeps its
 * storage, so references to it see the new values, and its old buffer is freed at once. A
 * gradient that is a view (non-contiguous, or part of a larger storage) gets a scaled copy.
 */
function scaleGrad(p: Tensor, coefficient: number): void {
  const g = p.grad!;
  if (ownsStorage(g)) {
    temporaryWork(() => g.detach().copy_(g.mul(coefficient)));
  } else {
    p.grad = g.mul(coefficient);
  }
}

/** PyTorch's message, with the order printed as Python prints a float (`2.0`, `inf`). */
function nonfiniteMessage(normType: number): string {
  const order = Number.isInteger(normType)
    ? normType.toFixed(1)
    : Number.isFinite(normType)
      ? String(normType)
      : normType > 0
        ? 'inf'
        : '-inf';
  return (
    `clipGradNorm: The total norm of order ${order} for gradients from \`parameters\` is ` +
    'non-finite, so it cannot be clipped. To disable this error and scale the gradients by the ' +
    'non-finite norm anyway, set `errorIfNonfinite=false`'
  );
}

/**
 * Sets each `p.grad` to a copy clamped to `[-clipValue, clipValue]` (not in place), like
 * `torch.nn.utils.clip_grad_value_`. Parameters without a gradient are skipped.
 *
 * @example
 * ```ts
 * clipGradValue(model.parameters(), 0.5);
 * ```
 */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0))
    throw new RangeError(`clipGradValue: clipValue must be >= 0, got ${clipValue}`);
  noGrad(() => {
    for (const p of params) if (p.grad !== null) p.grad = p.grad.clamp(-clipValue, clipValue);
  });
}
