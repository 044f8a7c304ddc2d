import { tensor } from '../creation/tensor';
import { formatShape, sameShape } from '../shape';
import type { Tensor } from '../tensor';

/** A flat row-major array with its shape, as gen-parity.py writes them. */
export interface ParityArray {
  shape: number[];
  data: number[];
}

/** One op case of a PyTorch parity trace (`ops.json`). */
export interface ParityCase {
  name: string;
  attrs: Record<string, number>;
  inputs: ParityArray[];
  ints: ParityArray[];
  output: ParityArray;
  upstream: ParityArray;
  grads: ParityArray[];
}

/** The errors {@link runParityCase} measured. */
export interface ParityErrors {
  output: number;
  grads: number[];
}

/**
 * A parity array as a tensor (float32 unless `dtype` says otherwise).
 *
 * @example
 * ```ts
 * parityTensor(c.ints[0], { dtype: 'int32' });
 * ```
 */
export function parityTensor(
  a: ParityArray,
  options: { dtype?: 'float32' | 'float64' | 'int32'; requiresGrad?: boolean } = {},
): Tensor {
  const { dtype = 'float32', requiresGrad = false } = options;
  return tensor(a.data, { dtype }).reshape(a.shape).requiresGrad_(requiresGrad);
}

/**
 * The largest error between two arrays: relative where |expected| > 1, absolute below (so
 * "within 1e-5" means relative or absolute, whichever is larger). NaN counts as infinite.
 *
 * @example
 * ```ts
 * parityError(out.dataSync(), c.output.data) < 1e-5;
 * ```
 */
export function parityError(actual: ArrayLike<number>, expected: readonly number[]): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= worst)) worst = err;
  }
  return worst;
}

/**
 * Runs one case: builds its float inputs as leaves, applies `op`, backpropagates the case's
 * upstream gradient, and returns the output and input-gradient errors. Needs
 * `@torchlet/autograd` to be imported. Throws on a shape mismatch or a missing gradient.
 *
 * @example
 * ```ts
 * const errors = runParityCase(c, (x) => gelu(x));
 * expect(Math.max(errors.output, ...errors.grads)).toBeLessThan(1e-5);
 * ```
 */
export function runParityCase(c: ParityCase, op: (...inputs: Tensor[]) => Tensor): ParityErrors {
  const inputs = c.inputs.map((a) => parityTensor(a, { requiresGrad: true }));
  const out = op(...inputs);
  if (!sameShape(out.shape, c.output.shape)) {
    throw new Error(
      `${c.name}: output shape ${formatShape(out.shape)}, PyTorch's is ${formatShape(c.output.shape)}`,
    );
  }
  const output = parityError(out.dataSync(), c.output.data);
  out.backward(parityTensor(c.upstream));
  const grads = inputs.map((x, i) => {
    if (x.grad === null) throw new Error(`${c.name}: input ${i} got no gradient`);
    return parityError(x.grad.dataSync(), c.grads[i].data);
  });
  return { output, grads };
}

/** PyTorch's recorded run of the article's training loop (`parity/train.json`). */
export interface ParityTrace {
  seed: number;
  torch: string;
  config: {
    inDim: number;
    hidden: number;
    classes: number;
    batch: number;
    steps: number;
    warmup: number;
    lr: number;
    betas: [number, number];
    eps: number;
    weightDecay: number;
    clip: number;
  };
  trainX: ParityArray;
  trainY: ParityArray;
  valX: ParityArray;
  valY: ParityArray;
  init: Record<string, ParityArray>;
  batches: number[][];
  lrs: number[];
  losses: number[];
  gradNorms: number[];
  evals: { step: number; valLoss: number; valAcc: number }[];
  final: Record<string, ParityArray>;
}
