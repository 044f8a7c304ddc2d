import { cpuBackend, type Backend, type TypedArray, type View } from '@torchlet/tensor';
import type { GpuBuffer } from '../src/gpu-buffer';

const nan = Number.NaN;
const ninf = Number.NEGATIVE_INFINITY;

/** One attention problem on host values; `mask` is bool (0/1) or additive, `[maskShape]`. */
interface Setup {
  name: string;
  batch: number;
  L: number;
  S: number;
  E: number;
  Ev: number;
  causal: boolean;
  scale: number;
  /** Changes the generated q before upload (NaN rows, large values). */
  editQ?: (q: number[]) => void;
  spread?: number;
  mask?: { dtype: 'bool' | 'float32'; shape: number[]; strides: number[]; values: number[] };
  dropout?: boolean;
}

/** Deterministic values in [−spread, spread]. */
const values = (n: number, seed: number, spread: number): number[] =>
  Array.from({ length: n }, (_, i) => spread * Math.sin(seed * 7.31 + i * 1.93));

const setups: Setup[] = [
  {
    name: 'causal, a NaN in one query',
    batch: 2,
    L: 4,
    S: 4,
    E: 3,
    Ev: 2,
    causal: true,
    scale: 0.6,
    editQ: (q) => (q[1 * 3 + 2] = nan), // batch 0, query 1
  },
  {
    name: 'bool mask: a row that keeps no key, and a NaN query row with masked keys',
    batch: 2,
    L: 3,
    S: 5,
    E: 4,
    Ev: 3,
    causal: false,
    scale: 0.5,
    editQ: (q) => (q[(1 * 3 + 2) * 4] = nan), // batch 1, query 2
    mask: {
      dtype: 'bool',
      shape: [2, 3, 5],
      strides: [15, 5, 1],
      values: [
        0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0,
      ],
    },
  },
  {
    name: 'additive [L, S] mask broadcast over the batch: a −∞ row, scores near 200, dropout',
    batch: 3,
    L: 4,
    S: 3,
    E: 4,
    Ev: 2,
    causal: false,
    scale: 0.5,
    spread: 10,
    mask: {
      dtype: 'float32',
      shape: [3, 4, 3],
      strides: [0, 3, 1],
      values: [0.5, ninf, -1, ninf, ninf, ninf, 0, 0, ninf, 2, -3, 0],
    },
    dropout: true,
  },
  { name: 'no keys (S = 0)', batch: 2, L: 3, S: 0, E: 2, Ev: 2, causal: true, scale: 1 },
  { name: 'empty head dim (E = 0)', batch: 2, L: 3, S: 4, E: 0, Ev: 2, causal: true, scale: 1 },
];

/** The fused forward and backward of one setup on `be`: every result, read back. */
async function run<B>(be: Backend<B>, s: Setup): Promise<Record<string, number[]>> {
  const { batch, L, S, E, Ev } = s;
  const up = (v: number[], shape: number[]): View<B> => ({
    buffer: be.upload(v, 'float32'),
    dtype: 'float32',
    shape,
    strides: shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1)),
    offset: 0,
  });
  const qv = values(batch * L * E, 1, s.spread ?? 1);
  s.editQ?.(qv);
  const q = up(qv, [batch, L, E]);
  const k = up(values(batch * S * E, 2, s.spread ?? 1), [batch, S, E]);
  const v = up(values(batch * S * Ev, 3, 1), [batch, S, Ev]);
  const grad = up(values(batch * L * Ev, 4, 1), [batch, L, Ev]);
  const mask: View<B> | null =
    s.mask === undefined
      ? null
      : {
          buffer: be.upload(s.mask.values, s.mask.dtype),
          dtype: s.mask.dtype,
          shape: s.mask.shape,
          strides: s.mask.strides,
          offset: 0,
        };
  const dropout = s.dropout
    ? up(
        values(batch * L * S, 5, 1).map((x) => (x < -0.4 ? 0 : 1 / 0.7)),
        [batch, L, S],
      )
    : null;
  const options = { causal: s.causal, scale: s.scale };
  const f = be.fused!.attention!(q, k, v, mask, dropout, options, 'float32');
  const view = (buffer: B, shape: number[]): View<B> => ({
    ...up([], []),
    buffer,
    shape,
    strides: shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1)),
  });
  const b = be.fused!.attentionBackward!(
    grad,
    q,
    k,
    v,
    view(f.output, [batch, L, Ev]),
    view(f.logSumExp, [batch, L]),
    mask,
    dropout,
    options,
    'float32',
  );
  const read = async (x: B) => Array.from(await be.read(x, 'float32'));
  return {
    output: await read(f.output),
    logSumExp: await read(f.logSumExp),
    gradQ: await read(b.gradQ),
    gradK: await read(b.gradK),
    gradV: await read(b.gradV),
  };
}

/**
 * Checks the gpu.js backend's fused attention and its backward against the CPU backend's on
 * what the conformance suite does not feed them: NaN queries (with causal and bool-masked keys
 * in their rows), rows that keep no key through a bool mask and through an additive −∞ row,
 * scores near 200 (whose `exp` overflows float32 without the max shift), dropout, no keys and an
 * empty head dim. NaN must
 * meet NaN and infinities match exactly; finite values agree within `1e-5 + 1e-4·|want|`.
 * Throws naming the first mismatch.
 *
 * @example
 * ```ts
 * await expectAttentionMatchesCpu(await gpujs({ mode: 'webasm' }));
 * ```
 */
export async function expectAttentionMatchesCpu(backend: Backend<GpuBuffer>): Promise<void> {
  for (const s of setups) {
    const got = await run(backend, s);
    const want = await run(cpuBackend as Backend<TypedArray>, s);
    for (const [name, w] of Object.entries(want)) {
      if (got[name].length !== w.length) {
        throw new Error(
          `attention ${s.name}: ${name} has ${got[name].length} elements, not ${w.length}`,
        );
      }
      w.forEach((x, i) => {
        const g = got[name][i];
        const ok = Number.isFinite(x)
          ? Math.abs(g - x) <= 1e-5 + 1e-4 * Math.abs(x)
          : g === x || (g !== g && x !== x);
        if (!ok) {
          throw new Error(`attention ${s.name}: ${name}[${i}] is ${g}, the CPU backend gives ${x}`);
        }
      });
    }
  }
}
