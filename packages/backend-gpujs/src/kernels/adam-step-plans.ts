import type { AdamStepOptions, DType, View } from '@torchlet/tensor';
import type { GpuBuffer } from '../gpu-buffer';
import { elementwisePlan } from './elementwise-plan';
import type { KernelPlan } from './kernel-plan';

/**
 * The three kernels of one Adam/AdamW update, one output each.
 *
 * @example
 * ```ts
 * const { param, expAvg, expAvgSq }: AdamStepPlans = adamStepPlans(p, g, m, v, options, 'float32');
 * ```
 */
export interface AdamStepPlans {
  readonly param: KernelPlan;
  readonly expAvg: KernelPlan;
  readonly expAvgSq: KernelPlan;
}

/**
 * Plans one Adam/AdamW update as three elementwise kernels over the original `param`, `grad`,
 * `expAvg` and `expAvgSq` (textures cannot be written in place, so each writes a new buffer):
 * the new first moment, the new second moment, and the new parameter, which recomputes both
 * moments itself. The float operations are torch.optim's, in its order: `g += wd·p` (Adam) or
 * `p *= 1 − lr·wd` (AdamW), `m = m·β₁ + (1 − β₁)·g`, `v = v·β₂ + ((1 − β₂)·g)·g`,
 * `p += (stepSize·m) / (√v / √(1 − β₂ᵗ) + eps)` with `stepSize = −lr / (1 − β₁ᵗ)`.
 *
 * Every hyperparameter, and the bias corrections that change with the step, is a per-call number
 * argument rounded to float32 as the device would: the keys hold only the shapes, the dtype and
 * the variant (AdamW, Adam with L2 decay, or Adam without), so no step recompiles.
 *
 * @example
 * ```ts
 * const plans = adamStepPlans(p, g, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true, step: 7 }, 'float32');
 * ```
 */
export function adamStepPlans(
  param: View<GpuBuffer>,
  grad: View<GpuBuffer>,
  expAvg: View<GpuBuffer>,
  expAvgSq: View<GpuBuffer>,
  o: AdamStepOptions,
  dtype: DType,
): AdamStepPlans {
  const f = Math.fround;
  const l2 = !o.decoupled && o.weightDecay !== 0;
  const variant = o.decoupled ? 'adamw' : l2 ? 'adam:l2' : 'adam';
  const decay = f(o.decoupled ? 1 - o.lr * o.weightDecay : 1);
  const wd = f(l2 ? o.weightDecay : 0);
  const [b1, oneMinusB1] = [f(o.beta1), f(1 - o.beta1)];
  const [b2, oneMinusB2] = [f(o.beta2), f(1 - o.beta2)];
  const bc2Sqrt = f(Math.sqrt(1 - o.beta2 ** o.step));
  const stepSize = f(-(o.lr / (1 - o.beta1 ** o.step)));
  const eps = f(o.eps);
  /** The (decayed) gradient, from `g` and, for Adam's L2 decay, the parameter `p`. */
  const gradOf = (g: string, p: string | null, wdName: string): string =>
    p === null ? g : `(${g} + ${wdName} * ${p})`;
  const firstMoment = (m: string, g: string, [b, c]: string[]): string =>
    `(${m} * ${b} + ${c} * ${g})`;
  const secondMoment = (v: string, g: string, [b, c]: string[]): string =>
    `(${v} * ${b} + (${c} * ${g}) * ${g})`;

  const expAvgPlan = elementwisePlan(
    `adam:expAvg:${variant}`,
    dtype,
    l2 ? [grad, expAvg, param] : [grad, expAvg],
    ([g, m, p], s) => ({
      lines: [`const gd = ${gradOf(g, l2 ? p : null, s[2])};`],
      expr: firstMoment(m, 'gd', s),
    }),
    l2 ? [b1, oneMinusB1, wd] : [b1, oneMinusB1],
  );
  const expAvgSqPlan = elementwisePlan(
    `adam:expAvgSq:${variant}`,
    dtype,
    l2 ? [grad, expAvgSq, param] : [grad, expAvgSq],
    ([g, v, p], s) => ({
      lines: [`const gd = ${gradOf(g, l2 ? p : null, s[2])};`],
      expr: secondMoment(v, 'gd', s),
    }),
    l2 ? [b2, oneMinusB2, wd] : [b2, oneMinusB2],
  );
  // The parameter kernel takes the decay factor (AdamW) or the L2 coefficient (Adam) only when
  // its variant uses it, then the moment and update scalars.
  const decayScalars = o.decoupled ? [decay] : l2 ? [wd] : [];
  const paramPlan = elementwisePlan(
    `adam:param:${variant}`,
    dtype,
    [param, grad, expAvg, expAvgSq],
    ([p, g, m, v], s) => {
      const [sB1, sC1, sB2, sC2, sBc2, sStep, sEps] = s.slice(decayScalars.length);
      return {
        lines: [
          `const pd = ${o.decoupled ? `${p} * ${s[0]}` : p};`,
          `const gd = ${gradOf(g, l2 ? p : null, s[0])};`,
          `const mn = ${firstMoment(m, 'gd', [sB1, sC1])};`,
          `const vn = ${secondMoment(v, 'gd', [sB2, sC2])};`,
          `const den = Math.sqrt(vn) / ${sBc2} + ${sEps};`,
        ],
        expr: `(pd + (${sStep} * mn) / den)`,
      };
    },
    [...decayScalars, b1, oneMinusB1, b2, oneMinusB2, bc2Sqrt, stepSize, eps],
  );
  return { param: paramPlan, expAvg: expAvgPlan, expAvgSq: expAvgSqPlan };
}
