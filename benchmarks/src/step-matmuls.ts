import { matmul, Tensor, tensor } from '@torchlet/tensor';
import { measure } from './measure';
import { randomFloat32 } from './random-inputs';
import type { TorchletTrainer } from './train-step-torchlet';

/** One matrix product of a training step, timed alone. */
export interface StepGemm {
  /** The operands' shapes, a transposed view as `(rows×cols)ᵀ` of its contiguous base. */
  name: string;
  pass: 'forward' | 'backward';
  flops: number;
  /** Median ms of torchlet's `matmul` on the same shapes and layouts. */
  ms: number;
}

/** The matmuls of a step, and their sums per pass. */
export interface StepMatmuls {
  gemms: StepGemm[];
  forward: { flops: number; ms: number };
  backward: { flops: number; ms: number };
}

/** A 2-D operand as the step passed it: contiguous, or the `.mT` view of a contiguous matrix. */
interface Layout {
  rows: number;
  cols: number;
  transposed: boolean;
}

function layoutOf(t: Tensor): Layout {
  if (t.ndim !== 2) throw new Error(`stepMatmuls: a ${t.ndim}-D matmul operand`);
  const [rows, cols] = t.shape;
  if (t.isContiguous()) return { rows, cols, transposed: false };
  if (t.mT.isContiguous()) return { rows, cols, transposed: true };
  throw new Error(`stepMatmuls: an operand with strides ${t.strides.join(', ')}`);
}

const shapeOf = (l: Layout) => (l.transposed ? `(${l.cols}×${l.rows})ᵀ` : `${l.rows}×${l.cols}`);

/** Random float32 data in `layout`: a transposed one is the `.mT` view of a contiguous matrix. */
function operand(l: Layout, seed: number): Tensor {
  const [rows, cols] = l.transposed ? [l.cols, l.rows] : [l.rows, l.cols];
  const t = tensor(randomFloat32(rows * cols, seed)).reshape([rows, cols]);
  return l.transposed ? t.mT : t;
}

/**
 * The products one forward and backward of `trainer` runs, seen by wrapping
 * `Tensor.prototype.matmul` (Linear's forward and autograd's matmul rule call it); the wrapper
 * only observes.
 */
function recordMatmuls(trainer: TorchletTrainer) {
  const seen: { pass: StepGemm['pass']; a: Layout; b: Layout }[] = [];
  let pass: StepGemm['pass'] = 'forward';
  const { matmul: original } = Tensor.prototype;
  Tensor.prototype.matmul = function (this: Tensor, other: Tensor) {
    seen.push({ pass, a: layoutOf(this), b: layoutOf(other) });
    return original.call(this, other);
  };
  try {
    const loss = trainer.forward();
    pass = 'backward';
    trainer.backward(loss);
  } finally {
    Tensor.prototype.matmul = original;
  }
  if (seen.length === 0) throw new Error('stepMatmuls: the step ran no Tensor.matmul');
  return seen;
}

/**
 * How long the matrix products of a torchlet training step take: records the products one
 * forward and backward of `trainer` runs (shapes, and which operands are transposed views), then
 * times each alone with torchlet's `matmul` on random operands of the same shapes and layouts
 * (tinybench, ~0.3 s each). For the MLP 784→512→512→10 at batch 128 they are 8: per layer the
 * forward `x·Wᵀ` (Linear multiplies by the view `weight.T`), the weight gradient and, except for
 * the first layer (its input needs no gradient), the input gradient, in the layouts autograd's
 * matmul rule gives them; ~0.41 GFLOP. Timed back to back, the gemm's workers stay awake between
 * calls and its operands in cache, so the sum is what the step's matmuls cost at best. Leaves
 * gradients in `trainer`'s parameters (the next step's zeroGrad clears them). Returns undefined
 * if the time limit fires.
 *
 * @example
 * ```ts
 * const m = await stepMatmuls(torchletTrainer(MLP, trainStepData(MLP)), signal);
 * m && `${m.forward.ms + m.backward.ms} ms of the step are matmul`;
 * ```
 */
export async function stepMatmuls(
  trainer: TorchletTrainer,
  signal: AbortSignal,
): Promise<StepMatmuls | undefined> {
  const gemms: StepGemm[] = [];
  for (const [i, { pass, a, b }] of recordMatmuls(trainer).entries()) {
    const [lhs, rhs] = [operand(a, 900 + 2 * i), operand(b, 901 + 2 * i)];
    const name = `${shapeOf(a)}·${shapeOf(b)}`;
    const timed = await measure(
      `torchlet matmul ${name}`,
      () => void matmul(lhs, rhs),
      signal,
      300,
    );
    if (timed === undefined) return undefined;
    gemms.push({ name, pass, flops: 2 * a.rows * a.cols * b.cols, ms: timed.ms });
  }
  const sum = (pass: StepGemm['pass']) => {
    const of = gemms.filter((g) => g.pass === pass);
    return { flops: of.reduce((s, g) => s + g.flops, 0), ms: of.reduce((s, g) => s + g.ms, 0) };
  };
  return { gemms, forward: sum('forward'), backward: sum('backward') };
}
