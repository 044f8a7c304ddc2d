import type { AdamStepOptions, Backend } from '../../backend';
import type { DType } from '../../dtype';
import { attentionCases } from './attention-cases';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { conformanceTolerance } from './conformance-tolerance';
import { makeRng, type Rng } from './make-rng';
import { operand } from './operand';
import { referenceErf } from './reference-erf';
import { uniform } from './uniform';

const floats: DType[] = ['float32', 'float64'];

function refGelu(x: number, tanh: boolean): number {
  if (tanh) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  }
  return 0.5 * x * (1 + referenceErf(x / Math.SQRT2));
}

function refGeluPrime(x: number, tanh: boolean): number {
  if (tanh) {
    const k = Math.sqrt(2 / Math.PI);
    const t = Math.tanh(k * (x + 0.044715 * x ** 3));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
  }
  const pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  return 0.5 * (1 + referenceErf(x / Math.SQRT2)) + x * pdf;
}

/** A contiguous operand holding exactly `values` (the gap after them is zeros). */
function exactly<B>(be: Backend<B>, dtype: DType, shape: readonly number[], values: number[]) {
  let k = 0;
  return operand(be, dtype, shape, 'contiguous', () => values[k++] ?? 0);
}

/** float64 GELU cancels in `1 + erf(x/√2)` for x < 0, which scales the reference's error by |x|. */
function erfSlack(dtype: DType, xs: readonly number[]): number[] {
  return xs.map((x) => (dtype === 'float64' ? 1e-13 * (1 + Math.abs(x)) : 0));
}

function rowsOf(values: readonly number[], cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < values.length; r += cols) out.push(values.slice(r, r + cols));
  return out;
}

/** Rounding slack of a row op over `cols` terms, relative to the size of the result. */
function rowSlack(dtype: DType, cols: number, want: readonly number[], scale = 1): number[] {
  const u = (dtype === 'float64' ? conformanceTolerance.float64 : conformanceTolerance.float32)
    .unitRoundoff;
  return want.map((w) => 4 * cols * u * scale * (1 + Math.abs(w)));
}

function refLayerNorm(x: number[], w: number[] | null, b: number[] | null, eps: number) {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const rstd = 1 / Math.sqrt(variance + eps);
  const y = x.map((v, j) => (v - mean) * rstd * (w ? w[j] : 1) + (b ? b[j] : 0));
  return { y, mean, rstd };
}

/**
 * Cases for the optional fused kernels (`backend.fused`), each checked against plain float64
 * reference code; a kernel the backend does not offer has no case.
 */
export function fusedCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();
  const fused = be.fused;
  if (fused === undefined) return cases;
  const seeded = (seed: number): Rng => makeRng(seed);

  for (const dtype of floats) {
    if (fused.gelu !== undefined) {
      const gelu = fused.gelu;
      add(`fused gelu (exact and tanh) on an offset ${dtype} view`, async () => {
        const x = operand(be, dtype, [4, 9], 'offset', uniform(seeded(700), -6, 6));
        for (const approx of ['none', 'tanh'] as const) {
          const want = x.values.map((v) => refGelu(v, approx === 'tanh'));
          const got = gelu(x.view, approx, dtype);
          const label = `gelu ${approx} ${dtype}`;
          await check(be, label, got, dtype, want, [4, 9], erfSlack(dtype, x.values));
        }
      });
    }
    if (fused.geluBackward !== undefined) {
      const geluBackward = fused.geluBackward;
      add(`fused geluBackward (exact and tanh), ${dtype}`, async () => {
        const rng = seeded(701);
        const g = operand(be, dtype, [3, 7], 'contiguous', uniform(rng, -2, 2));
        const x = operand(be, dtype, [3, 7], 'offset', uniform(rng, -5, 5));
        for (const approx of ['none', 'tanh'] as const) {
          const want = x.values.map((v, i) => g.values[i] * refGeluPrime(v, approx === 'tanh'));
          const slack = erfSlack(dtype, x.values);
          const got = geluBackward(g.view, x.view, approx, dtype);
          await check(be, `geluBackward ${approx} ${dtype}`, got, dtype, want, [3, 7], slack);
        }
      });
    }
    if (fused.softmax !== undefined) {
      const softmax = fused.softmax;
      add(`fused softmax and logSoftmax over the last dim, ${dtype}, large logits`, async () => {
        const rng = seeded(702);
        const shape = [5, 11];
        const x = operand(be, dtype, shape, 'offset', uniform(rng, -8, 8));
        // One row of huge logits: a kernel that forgets to subtract the max overflows.
        const values = x.values.map((v, i) => (i < 11 ? v + 1e4 : v));
        const big = operand(
          be,
          dtype,
          shape,
          'contiguous',
          (
            (k) => () =>
              values[k++]
          )(0),
        );
        for (const log of [false, true]) {
          const want = rowsOf(big.values, 11).flatMap((row) => {
            const m = Math.max(...row);
            const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
            return row.map((v) => (log ? v - lse : Math.exp(v - lse)));
          });
          const got = softmax(big.view, log, dtype);
          const label = `${log ? 'logSoftmax' : 'softmax'} ${dtype}`;
          await check(be, label, got, dtype, want, shape, rowSlack(dtype, 11, want, log ? 1e4 : 1));
        }
      });
    }
    if (fused.softmaxBackward !== undefined) {
      const softmaxBackward = fused.softmaxBackward;
      add(`fused softmaxBackward (softmax and log), ${dtype}`, async () => {
        const rng = seeded(703);
        const shape = [4, 6];
        const g = operand(be, dtype, shape, 'offset', uniform(rng, -1, 1));
        const raw = operand(be, dtype, shape, 'contiguous', uniform(rng, -3, 3)).values;
        for (const log of [false, true]) {
          const y = rowsOf(raw, 6).flatMap((row) => {
            const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
            return row.map((v) => (log ? v - lse : Math.exp(v - lse)));
          });
          const yOp = operand(
            be,
            dtype,
            shape,
            'contiguous',
            (
              (k) => () =>
                y[k++]
            )(0),
          );
          const gr = rowsOf(g.values, 6);
          const yr = rowsOf(yOp.values, 6);
          const want = gr.flatMap((row, r) => {
            if (log) {
              const s = row.reduce((a, v) => a + v, 0);
              return row.map((v, j) => v - Math.exp(yr[r][j]) * s);
            }
            const dot = row.reduce((a, v, j) => a + v * yr[r][j], 0);
            return row.map((v, j) => yr[r][j] * (v - dot));
          });
          const got = softmaxBackward(g.view, yOp.view, log, dtype);
          await check(
            be,
            `softmaxBackward log=${log} ${dtype}`,
            got,
            dtype,
            want,
            shape,
            rowSlack(dtype, 6, want, 4),
          );
        }
      });
    }
    if (fused.layerNorm !== undefined) {
      const layerNorm = fused.layerNorm;
      add(`fused layerNorm with and without weight and bias, ${dtype}`, async () => {
        const rng = seeded(704);
        const shape = [6, 10];
        const x = operand(be, dtype, shape, 'offset', uniform(rng, -3, 5));
        const w = operand(be, dtype, [1, 10], 'contiguous', uniform(rng, 0.5, 2));
        const b = operand(be, dtype, [1, 10], 'offset', uniform(rng, -1, 1));
        for (const affine of [true, false]) {
          const ref = rowsOf(x.values, 10).map((row) =>
            refLayerNorm(row, affine ? w.values : null, affine ? b.values : null, 1e-5),
          );
          const r = layerNorm(x.view, affine ? w.view : null, affine ? b.view : null, 1e-5, dtype);
          const want = ref.flatMap((q) => q.y);
          const label = `layerNorm affine=${affine} ${dtype}`;
          await check(be, label, r.output, dtype, want, shape, rowSlack(dtype, 10, want, 4));
          const means = ref.map((q) => q.mean);
          await check(
            be,
            `${label} mean`,
            r.mean,
            dtype,
            means,
            [6],
            rowSlack(dtype, 10, means, 4),
          );
          const rstds = ref.map((q) => q.rstd);
          await check(
            be,
            `${label} rstd`,
            r.rstd,
            dtype,
            rstds,
            [6],
            rowSlack(dtype, 10, rstds, 4),
          );
        }
      });
    }
    if (fused.layerNormBackward !== undefined) {
      const layerNormBackward = fused.layerNormBackward;
      add(`fused layerNormBackward: input, weight and bias gradients, ${dtype}`, async () => {
        const rng = seeded(705);
        const [rows, cols] = [5, 8];
        const x = operand(be, dtype, [rows, cols], 'contiguous', uniform(rng, -2, 3));
        const g = operand(be, dtype, [rows, cols], 'offset', uniform(rng, -1, 1));
        const w = operand(be, dtype, [1, cols], 'contiguous', uniform(rng, 0.5, 2));
        const stats = rowsOf(x.values, cols).map((row) => refLayerNorm(row, null, null, 1e-5));
        const mean = exactly(
          be,
          dtype,
          [rows, 1],
          stats.map((q) => q.mean),
        );
        const rstd = exactly(
          be,
          dtype,
          [rows, 1],
          stats.map((q) => q.rstd),
        );
        // The reference uses the uploaded (rounded) statistics, as the kernel must.
        const xr = rowsOf(x.values, cols);
        const gr = rowsOf(g.values, cols);
        const gx: number[] = [];
        const gw = new Array<number>(cols).fill(0);
        const gb = new Array<number>(cols).fill(0);
        xr.forEach((row, r) => {
          const xhat = row.map((v) => (v - mean.values[r]) * rstd.values[r]);
          const gh = gr[r].map((v, j) => v * w.values[j]);
          const mg = gh.reduce((s, v) => s + v, 0) / cols;
          const mgx = gh.reduce((s, v, j) => s + v * xhat[j], 0) / cols;
          gh.forEach((v, j) => {
            gx.push(rstd.values[r] * (v - mg - xhat[j] * mgx));
            gw[j] += gr[r][j] * xhat[j];
            gb[j] += gr[r][j];
          });
        });
        const out = layerNormBackward(g.view, x.view, mean.view, rstd.view, w.view, dtype);
        const label = `layerNormBackward ${dtype}`;
        await check(
          be,
          `${label} input`,
          out.gradInput,
          dtype,
          gx,
          [rows, cols],
          rowSlack(dtype, cols, gx, 8),
        );
        await check(
          be,
          `${label} weight`,
          out.gradWeight,
          dtype,
          gw,
          [cols],
          rowSlack(dtype, rows, gw, 8),
        );
        await check(
          be,
          `${label} bias`,
          out.gradBias,
          dtype,
          gb,
          [cols],
          rowSlack(dtype, rows, gb, 8),
        );
      });
    }
    if (fused.crossEntropy !== undefined) {
      const crossEntropy = fused.crossEntropy;
      add(`fused crossEntropy (mean and sum, an ignored row, large logits), ${dtype}`, async () => {
        const rng = seeded(707);
        const [rows, cols] = [6, 9];
        const raw = operand(be, dtype, [rows, cols], 'contiguous', uniform(rng, -4, 4)).values;
        // Row 1 holds huge logits: a kernel that skips the max shift overflows.
        const values = raw.map((v, i) => (i >= cols && i < 2 * cols ? v + 1e4 : v));
        const x = exactly(be, dtype, [rows, cols], values);
        const targets = [3, 0, -100, 8, 5, 2];
        const t = exactly(be, 'int32', [rows], targets);
        const lse = rowsOf(x.values, cols).map((row) => {
          const m = Math.max(...row);
          return m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
        });
        let total = 0;
        targets.forEach((k, r) => {
          if (k !== -100) total += lse[r] - x.values[r * cols + k];
        });
        for (const mean of [true, false]) {
          const r = crossEntropy(x.view, t.view, -100, mean, dtype);
          const label = `crossEntropy mean=${mean} ${dtype}`;
          const want = mean ? total / 5 : total;
          await check(
            be,
            `${label} loss`,
            r.loss,
            dtype,
            [want],
            [],
            rowSlack(dtype, rows * cols, [want], 1e4),
          );
          await check(be, `${label} count`, r.count, dtype, [5], []);
          await check(
            be,
            `${label} logSumExp`,
            r.logSumExp,
            dtype,
            lse,
            [rows],
            rowSlack(dtype, cols, lse, 4),
          );
        }
      });
    }
    if (fused.crossEntropyBackward !== undefined) {
      const crossEntropyBackward = fused.crossEntropyBackward;
      add(`fused crossEntropyBackward: softmax − onehot, 0 on ignored rows, ${dtype}`, async () => {
        const rng = seeded(708);
        const [rows, cols] = [4, 7];
        const x = operand(be, dtype, [rows, cols], 'contiguous', uniform(rng, -3, 3));
        const targets = [6, -100, 0, 3];
        const t = exactly(be, 'int32', [rows], targets);
        const lse = rowsOf(x.values, cols).map((row) =>
          Math.log(row.reduce((a, v) => a + Math.exp(v), 0)),
        );
        const l = exactly(be, dtype, [rows], lse);
        const scale = exactly(be, dtype, [1], [0.25]);
        const want = x.values.map((v, i) => {
          const r = Math.floor(i / cols);
          const k = targets[r];
          if (k === -100) return 0;
          return 0.25 * (Math.exp(v - l.values[r]) - (i % cols === k ? 1 : 0));
        });
        const got = crossEntropyBackward(scale.view, x.view, t.view, l.view, -100, dtype);
        await check(
          be,
          `crossEntropyBackward ${dtype}`,
          got,
          dtype,
          want,
          [rows, cols],
          rowSlack(dtype, cols, want, 4),
        );
      });
    }
    if (fused.adamStep !== undefined) {
      const adamStep = fused.adamStep;
      add(`fused adamStep (AdamW and Adam with L2), ${dtype}`, async () => {
        const rng = seeded(706);
        const n = 37;
        const gen = (lo: number, hi: number) => Array.from({ length: n }, uniform(rng, lo, hi));
        for (const decoupled of [true, false]) {
          const p = gen(-1, 1);
          const g = gen(-0.5, 0.5);
          const m = gen(-0.1, 0.1);
          const v = gen(0, 0.01);
          const o: AdamStepOptions = {
            lr: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weightDecay: 0.05,
            decoupled,
            step: 3,
          };
          const view = (values: number[]) => ({
            buffer: be.upload(values, dtype),
            dtype,
            shape: [n],
            strides: [1],
            offset: 0,
          });
          const [pv, gv, mv, vv] = [p, g, m, v].map((a) => view(a));
          // Reference in doubles from the same rounded inputs the backend holds.
          const [P, G, M, V] = await Promise.all(
            [pv, gv, mv, vv].map((x) => be.read(x.buffer, dtype)),
          );
          const wantP: number[] = [];
          const wantM: number[] = [];
          const wantV: number[] = [];
          for (let i = 0; i < n; i++) {
            let pi = P[i];
            let gi = G[i];
            if (decoupled) pi *= 1 - o.lr * o.weightDecay;
            else gi += o.weightDecay * pi;
            const mi = o.beta1 * M[i] + (1 - o.beta1) * gi;
            const vi = o.beta2 * V[i] + (1 - o.beta2) * gi * gi;
            const denom = Math.sqrt(vi) / Math.sqrt(1 - o.beta2 ** o.step) + o.eps;
            wantP.push(pi - (o.lr / (1 - o.beta1 ** o.step)) * (mi / denom));
            wantM.push(mi);
            wantV.push(vi);
          }
          const r = adamStep(pv, gv, mv, vv, o, dtype);
          const label = `adamStep decoupled=${decoupled} ${dtype}`;
          await check(be, `${label} param`, r.param, dtype, wantP, [n]);
          await check(be, `${label} expAvg`, r.expAvg, dtype, wantM, [n]);
          await check(be, `${label} expAvgSq`, r.expAvgSq, dtype, wantV, [n]);
        }
      });
    }
  }
  cases.push(...attentionCases(be));
  return cases;
}
