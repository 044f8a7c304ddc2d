import { randomFloat32 } from './random-inputs';

/** The attention shape the issue names: causal, `[B, H, T, D]` query, key and value. */
export const ATTENTION = { B: 8, H: 4, T: 128, D: 32 } as const;

/** The keys of bench_torch.py's two attention timings (one per kind; see `pytorchKey`). */
export const ATTENTION_KEYS = {
  forward: 'attention fwd',
  forwardBackward: 'attention fwd+bwd',
} as const;

/** Query, key, value and the output's gradient, each `[B, H, T, D]` row-major. */
export interface AttentionData {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  /** The upstream gradient the backward is run with (not all ones, so every weight matters). */
  grad: Float32Array;
}

/**
 * Seeded inputs, uniform in [-1, 1), identical for torchlet, TensorFlow.js and PyTorch.
 *
 * @example
 * ```ts
 * const { q, k, v, grad } = attentionData();
 * ```
 */
export function attentionData(): AttentionData {
  const { B, H, T, D } = ATTENTION;
  const n = B * H * T * D;
  return {
    q: randomFloat32(n, 21),
    k: randomFloat32(n, 22),
    v: randomFloat32(n, 23),
    grad: randomFloat32(n, 24),
  };
}
