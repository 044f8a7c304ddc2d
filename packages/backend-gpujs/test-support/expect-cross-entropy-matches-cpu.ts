import { cpuBackend, type Backend, type TypedArray, type View } from '@torchlet/tensor';
import { conformanceTolerance } from '@torchlet/tensor/testing';
import type { GpuBuffer } from '../src/gpu-buffer';

const inf = Number.POSITIVE_INFINITY;
const nan = Number.NaN;
const ignore = -100;

/** A seeded xorshift in [0, 1), so every run feeds the kernels the same logits. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A contiguous view of `values` uploaded at `offset` (zeros before it). */
function view<B>(
  be: Backend<B>,
  values: readonly number[],
  shape: number[],
  dtype: 'float32' | 'int32',
  offset = 0,
): View<B> {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const data = [...new Array<number>(offset).fill(0), ...values];
  return { buffer: be.upload(data, dtype), dtype, shape, strides, offset };
}

/** The results of both cross-entropy kernels on one backend, read back as numbers. */
interface Run {
  readonly loss: number;
  readonly count: number;
  readonly logSumExp: number[];
  readonly grad: number[];
}

/**
 * Runs the forward (with `mean`) and the backward with `scale` on `be`. The backward reads the
 * log-sum-exp given in `lse` (the CPU backend's, for both backends) rather than its own forward's,
 * so it is checked alone: on a row of logits near 1e4 one float32 ulp of the log-sum-exp is 1e-3,
 * which `exp(x − lse)` would carry into the gradient on either backend.
 */
async function run<B>(
  be: Backend<B>,
  logits: readonly number[],
  target: readonly number[],
  mean: boolean,
  scale: number,
  lse: readonly number[] | null,
): Promise<Run> {
  const rows = target.length;
  const cols = logits.length / rows;
  const x = view(be, logits, [rows, cols], 'float32', 3);
  const t = view(be, target, [rows], 'int32', 2);
  const f = be.fused!;
  const r = f.crossEntropy!(x, t, ignore, mean, 'float32');
  const read = async (b: B) => Array.from(await be.read(b, 'float32'));
  const logSumExp = await read(r.logSumExp);
  const l = view(be, lse ?? logSumExp, [rows], 'float32', 1);
  const s = view(be, [scale], [], 'float32', 4);
  const grad = await read(f.crossEntropyBackward!(s, x, t, l, ignore, 'float32'));
  return { loss: (await read(r.loss))[0], count: (await read(r.count))[0], logSumExp, grad };
}

/**
 * Checks the gpu.js backend's fused `crossEntropy` and `crossEntropyBackward` against the CPU
 * backend's (`cpuBackend.fused`), which compute in doubles: random logits with an ignored row
 * and a row near 1e4 (a kernel that forgets the max overflows), in both reductions, then special
 * values row by row: NaN, +∞ and all −∞ rows, −∞ masks with the target on a finite and on a −∞
 * logit, an ignored NaN row, and a batch with every row ignored (a NaN mean, a zero sum).
 * Finite values agree within the conformance suite's float32 tolerance, plus the rounding of a
 * float32 sum over the row (`4·cols·u·(1 + |want|)`); NaN must meet NaN and infinities match
 * exactly. Throws naming the first mismatch.
 *
 * @example
 * ```ts
 * await expectCrossEntropyMatchesCpu(await gpujs({ mode: 'webasm' }));
 * ```
 */
export async function expectCrossEntropyMatchesCpu(backend: Backend<GpuBuffer>): Promise<void> {
  const { rtol, atol, unitRoundoff } = conformanceTolerance.float32;
  const cpu = cpuBackend as Backend<TypedArray>;
  const compare = (label: string, got: readonly number[], want: readonly number[], n: number) => {
    if (got.length !== want.length) {
      throw new Error(`${label}: ${got.length} elements, the CPU backend gives ${want.length}`);
    }
    want.forEach((w, i) => {
      const g = got[i];
      const slack = atol + rtol * Math.abs(w) + 4 * n * unitRoundoff * (1 + Math.abs(w));
      const ok = Number.isFinite(w) ? Math.abs(g - w) <= slack : g === w || (g !== g && w !== w);
      if (!ok) throw new Error(`${label}: element ${i} is ${g}, the CPU backend gives ${w}`);
    });
  };
  const same = async (
    label: string,
    logits: readonly number[],
    target: readonly number[],
    mean: boolean,
    scale: number,
  ): Promise<void> => {
    const cols = logits.length / target.length;
    const want = await run(cpu, logits, target, mean, scale, null);
    const got = await run(backend, logits, target, mean, scale, want.logSumExp);
    compare(`${label} loss`, [got.loss], [want.loss], cols * target.length);
    compare(`${label} count`, [got.count], [want.count], 0);
    compare(`${label} logSumExp`, got.logSumExp, want.logSumExp, cols);
    compare(`${label} backward`, got.grad, want.grad, 1);
  };

  const [rows, cols] = [6, 7];
  const next = rng(0x2545f491);
  const logits = Array.from({ length: rows * cols }, (_, i) => {
    const v = next() * 8 - 4;
    return i >= 2 * cols && i < 3 * cols ? v + 1e4 : v; // row 2: large logits
  });
  const target = [3, 0, 6, ignore, 2, 5];
  for (const mean of [true, false]) {
    await same(`crossEntropy mean=${mean}`, logits, target, mean, mean ? 0.2 : 1.5);
  }

  const special: [string, number[], number][] = [
    ['a NaN row', [1, 2, nan, 3], 0],
    ['a +∞ row', [1, inf, 2, 3], 0],
    ['an all −∞ row', [-inf, -inf, -inf, -inf], 1],
    ['a −∞ mask', [-inf, 0, -inf, 1], 1],
    ['a −∞ mask with the target on −∞', [-inf, 0, -inf, 1], 0],
    ['an ignored NaN row', [nan, 0, 1, 2], ignore],
    ['huge logits', [1e4, 1e4 + 1, -1e4, 0], 2],
    ['huge logits with the target on one', [1e4, 1e4 + 1, -1e4, 1e4 - 2], 1],
  ];
  for (const [label, row, k] of special) {
    await same(`crossEntropy on ${label}`, row, [k], false, 0.5);
  }
  for (const mean of [true, false]) {
    const all = [1, 2, 3, 4, 5, 6, 7, 8];
    await same(`crossEntropy mean=${mean}, every row ignored`, all, [ignore, ignore], mean, 1);
  }
}
