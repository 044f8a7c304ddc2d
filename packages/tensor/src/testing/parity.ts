import { tensor } from '../creation/tensor';
import { formatShape, sameShape } from '../shape';
import type { Tensor } from '../tensor';

/** A flat row-major array with its shape, as gen-parity.py writes them. */
export interface ParityArray {
  /** The size of each dim. */
  shape: number[];
  /** The elements, row-major. */
  data: number[];
}

/** One op case of a PyTorch parity trace (`ops.json`). */
export interface ParityCase {
  /** The case's name, e.g. `'bmm'`. */
  name: string;
  /** The op's numeric arguments (a dim, an eps, …). */
  attrs: Record<string, number>;
  /** The float inputs, which the case differentiates. */
  inputs: ParityArray[];
  /** Integer inputs (class targets, indices), not differentiated. */
  ints: ParityArray[];
  /** PyTorch's output. */
  output: ParityArray;
  /** The random upstream gradient PyTorch backpropagated from the output. */
  upstream: ParityArray;
  /** PyTorch's gradient of each float input, in the order of `inputs`. */
  grads: ParityArray[];
}

/** The errors {@link runParityCase} measured. */
export interface ParityErrors {
  /** The output's largest error ({@link parityError}). */
  output: number;
  /** Each input gradient's largest error. */
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
  /** The seed of the run (the data used `seed + 1`, the batch sampler `seed + 2`). */
  seed: number;
  /** The PyTorch version that recorded the trace. */
  torch: string;
  /** The run's hyperparameters. */
  config: {
    /** Input features. */
    inDim: number;
    /** Width of the hidden layers. */
    hidden: number;
    /** Number of classes. */
    classes: number;
    /** Batch size. */
    batch: number;
    /** Number of optimizer steps. */
    steps: number;
    /** Steps of linear learning-rate warmup before the cosine decay. */
    warmup: number;
    /** The peak learning rate. */
    lr: number;
    /** AdamW's `betas`. */
    betas: [number, number];
    /** AdamW's `eps`. */
    eps: number;
    /** AdamW's `weight_decay`. */
    weightDecay: number;
    /** The `max_norm` of `clip_grad_norm_`. */
    clip: number;
  };
  /** The training inputs, `[1000, inDim]`. */
  trainX: ParityArray;
  /** The training labels (class indices). */
  trainY: ParityArray;
  /** The validation inputs, `[200, inDim]`. */
  valX: ParityArray;
  /** The validation labels (class indices). */
  valY: ParityArray;
  /** The initial parameters, by state-dict key. */
  init: Record<string, ParityArray>;
  /** Each step's row indices into the training set. */
  batches: number[][];
  /** Each step's learning rate. */
  lrs: number[];
  /** Each step's training loss. */
  losses: number[];
  /** Each step's gradient norm before clipping. */
  gradNorms: number[];
  /** The evaluations, every 100 steps and after the last one. */
  evals: {
    /** The step evaluated after. */
    step: number;
    /** The validation loss. */
    valLoss: number;
    /** The validation accuracy, in [0, 1]. */
    valAcc: number;
  }[];
  /** The parameters after the last step, by state-dict key. */
  final: Record<string, ParityArray>;
}
