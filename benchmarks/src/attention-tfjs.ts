import type { Tensor } from '@tensorflow/tfjs-core';
import { ATTENTION, type AttentionData } from './attention-case';
import { tfjsBackend, type TfjsBackendName } from './tfjs-backend';
import { registerTfjsGradients } from './tfjs-gradients';

/** TensorFlow.js's composed causal attention, and the cleanup of what it holds. */
export interface TfjsAttention {
  /** The forward, read back with dataSync() (so deferred work is counted). */
  forward(): Float32Array;
  /** Forward and the input gradients from the fixed upstream gradient, all read back. */
  forwardBackward(): Float32Array[];
  dispose(): void;
}

/**
 * Causal attention in TensorFlow.js on `backend`: TF.js exports no attention op, so it is
 * composed as `softmax(q·kᵀ·scale + mask)·v` with batched `tf.matMul` (kᵀ by its
 * `transposeB` flag) and an additive `[T, T]` mask; the gradients come from `tf.grads`.
 *
 * @example
 * ```ts
 * const a = await tfjsAttention('wasm', attentionData());
 * a.forward();
 * a.dispose();
 * ```
 */
export async function tfjsAttention(
  backend: TfjsBackendName,
  data: AttentionData,
): Promise<TfjsAttention> {
  registerTfjsGradients();
  const tf = await tfjsBackend(backend);
  const { B, H, T, D } = ATTENTION;
  const shape = [B, H, T, D];
  const [q, k, v, grad] = [data.q, data.k, data.v, data.grad].map((x) => tf.tensor(x, shape));
  const mask = tf.tidy(() =>
    tf.where(
      tf.greater(tf.reshape(tf.range(0, T), [1, T]), tf.reshape(tf.range(0, T), [T, 1])),
      tf.fill([T, T], -Infinity),
      tf.zeros([T, T]),
    ),
  );
  const attend = (a: Tensor, b: Tensor, c: Tensor): Tensor =>
    tf.matMul(tf.softmax(tf.add(tf.mul(tf.matMul(a, b, false, true), 1 / Math.sqrt(D)), mask)), c);
  const gradients = tf.grads((a: Tensor, b: Tensor, c: Tensor) => attend(a, b, c));
  const read = (x: Tensor) => {
    const values = x.dataSync() as Float32Array;
    x.dispose();
    return values;
  };
  return {
    forward: () => read(tf.tidy(() => attend(q, k, v))),
    forwardBackward: () => tf.tidy(() => gradients([q, k, v], grad)).map(read),
    dispose: () => tf.dispose([q, k, v, grad, mask]),
  };
}
