import type { GeluApproximate, View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import { numel } from '../../shape';
import { erf } from '../erf';
import { erfCentre, geluCdfFloat } from '../gelu-cdf-float';
import { expNegCentre, normalPdfFloat } from '../normal-pdf-float';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TANH_CUBIC = 0.044715;

/**
 * GELU over a contiguous view, computed in double precision and rounded once on store (float32
 * uses a CDF accurate to float32, float64 the full-precision erf).
 *
 * @example
 * ```ts
 * geluKernel({ buffer: Float32Array.of(1), dtype: 'float32', shape: [1], strides: [1], offset: 0 }, 'none', 'float32');
 * // Float32Array [0.8413447]
 * ```
 */
export function geluKernel(x: View<TypedArray>, approximate: GeluApproximate, dtype: DType) {
  const n = numel(x.shape);
  const out = allocTyped(dtype, n);
  const X = x.buffer;
  const o = x.offset;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = X[o + i];
      out[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + TANH_CUBIC * v * v * v)));
    }
  } else if (out instanceof Float32Array && X instanceof Float32Array) {
    geluFloat32(X, o, out, n);
  } else {
    for (let i = 0; i < n; i++) {
      const v = X[o + i];
      out[i] = 0.5 * v * (1 + erf(v * Math.SQRT1_2));
    }
  }
  return out;
}

/**
 * `grad · gelu'(x)` over contiguous views, the derivative PyTorch's GeluBackward uses.
 *
 * @example
 * ```ts
 * geluBackwardKernel(gradView, xView, 'none', 'float32');
 * ```
 */
export function geluBackwardKernel(
  grad: View<TypedArray>,
  x: View<TypedArray>,
  approximate: GeluApproximate,
  dtype: DType,
) {
  const n = numel(x.shape);
  const out = allocTyped(dtype, n);
  const G = grad.buffer;
  const X = x.buffer;
  const go = grad.offset;
  const xo = x.offset;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = X[xo + i];
      const t = Math.tanh(SQRT_2_OVER_PI * (v + TANH_CUBIC * v * v * v));
      const dInner = SQRT_2_OVER_PI * (1 + 3 * TANH_CUBIC * v * v);
      out[i] = G[go + i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * dInner);
    }
  } else if (
    out instanceof Float32Array &&
    G instanceof Float32Array &&
    X instanceof Float32Array
  ) {
    geluBackwardFloat32(G, go, X, xo, out, n);
  } else {
    for (let i = 0; i < n; i++) {
      const v = X[xo + i];
      const cdf = 0.5 * (1 + erf(v * Math.SQRT1_2));
      const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      out[i] = G[go + i] * (cdf + v * pdf);
    }
  }
  return out;
}

/**
 * Exact GELU for float32 in its own monomorphic loop: {@link geluCdfFloat}'s arithmetic, with
 * the centre's series inlined and only the tails calling out (float32 accuracy suffices, and
 * the erfc form keeps the tail's digits).
 */
function geluFloat32(X: Float32Array, xo: number, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = X[xo + i];
    const z = v * Math.SQRT1_2;
    out[i] = v * (z > -1 && z < 1 ? 0.5 * (1 + erfCentre(z)) : geluCdfFloat(v));
  }
}

/** The exact-GELU derivative for float32, in its own monomorphic loop; float32-accurate Φ and φ. */
function geluBackwardFloat32(
  G: Float32Array,
  go: number,
  X: Float32Array,
  xo: number,
  out: Float32Array,
  n: number,
): void {
  // Φ and φ as geluCdfFloat and normalPdfFloat compute them, with their centres inlined.
  for (let i = 0; i < n; i++) {
    const v = X[xo + i];
    const z = v * Math.SQRT1_2;
    const cdf = z > -1 && z < 1 ? 0.5 * (1 + erfCentre(z)) : geluCdfFloat(v);
    const s = 0.5 * v * v;
    const pdf = s < 1 ? INV_SQRT_2PI * expNegCentre(s) : normalPdfFloat(v);
    out[i] = G[go + i] * (cdf + v * pdf);
  }
}
