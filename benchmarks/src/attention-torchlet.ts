import { full, noGrad, scaledDotProductAttention, softmax, tensor, type Tensor } from 'torchlet';
import { ATTENTION, type AttentionData } from './attention-case';

/** torchlet's causal attention, fused or composed, on the benchmark's inputs. */
export interface TorchletAttention {
  /** The forward alone, on inputs that need no gradient. */
  forward(): Tensor;
  /** Forward, then backward from the fixed upstream gradient; the leaves' grads cleared first. */
  forwardBackward(): void;
  /** Runs both once: the forward output and the gradients of q, k and v, flattened. */
  results(): Float32Array[];
}

/**
 * Causal attention in torchlet on `data`, as `fused` (`scaledDotProductAttention` with
 * `isCausal`: one kernel each way) or `composed` (`softmax(q·kᵀ·scale + mask)·v` written with
 * tensor ops and an additive `[T, T]` mask, as PyTorch 1.13 users write it; autograd
 * differentiates it op by op).
 *
 * @example
 * ```ts
 * const a = torchletAttention('fused', attentionData());
 * a.forward().shape; // [8, 4, 128, 32]
 * ```
 */
export function torchletAttention(
  impl: 'fused' | 'composed',
  data: AttentionData,
): TorchletAttention {
  const { B, H, T, D } = ATTENTION;
  const shape = [B, H, T, D];
  const [q, k, v, grad] = [data.q, data.k, data.v, data.grad].map((x) => tensor(x).reshape(shape));
  const scale = 1 / Math.sqrt(D);
  const mask = full([T, T], -Infinity).triu(1);
  const attend = (a: Tensor, b: Tensor, c: Tensor): Tensor =>
    impl === 'fused'
      ? scaledDotProductAttention(a, b, c, { isCausal: true })
      : softmax(a.matmul(b.mT).mul(scale).add(mask), -1).matmul(c);
  const leaves = [q, k, v].map((x) => x.clone().requiresGrad_()) as [Tensor, Tensor, Tensor];
  const a: TorchletAttention = {
    forward: () => noGrad(() => attend(q, k, v)),
    forwardBackward: () => {
      for (const x of leaves) x.grad = null;
      attend(...leaves).backward(grad);
    },
    results: () => {
      a.forwardBackward();
      const out = a.forward().dataSync() as Float32Array;
      return [out, ...leaves.map((x) => x.grad!.dataSync() as Float32Array)];
    },
  };
  return a;
}
