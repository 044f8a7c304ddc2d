import { noGrad } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor';
import type { TrainableModel } from '../types/trainable-model';
import { countCorrect } from './count-correct';
import type { Metric, MetricFn } from './metric';
import { periodicYield } from './periodic-yield';
import { splitBatch } from './split-batch';

/**
 * A loss function such as `crossEntropy`: `(output, target) => scalar Tensor`.
 *
 * @example
 * ```ts
 * const loss: LossFn = (output, target) => crossEntropy(output, target, { labelSmoothing: 0.1 });
 * ```
 */
// output is any, not unknown: a loss declared as (output: Tensor, …) must be assignable.
export type LossFn = (output: any, target: Tensor) => Tensor;

/**
 * Options of {@link evaluate}.
 *
 * @example
 * ```ts
 * const options: EvaluateOptions = { loss: crossEntropy, metrics: ['loss', 'accuracy'] };
 * ```
 */
export interface EvaluateOptions {
  /** Needed for the `'loss'` metric. */
  loss?: LossFn;
  /** Default `['loss']` (or `[]` without a loss function). */
  metrics?: readonly Metric[];
}

/**
 * Runs a model over a loader in eval mode and under `noGrad`, and returns each metric over the
 * whole loader: the loss and custom metrics averaged with batch sizes as weights (exact for
 * mean-reduced losses), accuracy as total hits over total predictions (rounded to float32, as
 * PyTorch's `(pred == y).float().mean().item()` gives it). Each batch is
 * `[input…, target]`. The model's training mode is restored afterwards.
 *
 * @example
 * ```ts
 * const { loss, accuracy } = await evaluate(model, valLoader, { loss: crossEntropy, metrics: ['loss', 'accuracy'] });
 * ```
 */
export async function evaluate(
  model: TrainableModel,
  data: Iterable<Tensor[]> | AsyncIterable<Tensor[]>,
  options: EvaluateOptions = {},
): Promise<Record<string, number>> {
  const { loss } = options;
  const metrics = resolveMetrics(options.metrics ?? (loss === undefined ? [] : ['loss']), loss);
  const wasTraining = model.training;
  // Hit counts for accuracy, running means for the rest.
  const sums = new Map<string, number>(metrics.map((m) => [m.name, 0]));
  const weights = new Map<string, number>(metrics.map((m) => [m.name, 0]));
  let batches = 0;
  // As in fit: a macrotask now and then lets finalizers release collected device buffers.
  const pause = periodicYield(20);
  model.eval();
  try {
    for await (const batch of data) {
      const { inputs, target } = splitBatch(batch, 'evaluate');
      noGrad(() => {
        const output = model.forward(...inputs);
        const rows = target.ndim > 0 ? target.shape[0] : 1;
        for (const m of metrics) {
          if (m.name === 'accuracy' && m.fn === undefined) {
            const { correct, total } = countCorrect(output, target);
            sums.set(m.name, sums.get(m.name)! + correct);
            weights.set(m.name, weights.get(m.name)! + total);
          } else {
            const value = m.fn === undefined ? loss!(output, target).item() : m.fn(output, target);
            // A running weighted mean: one batch gives its value untouched, not value * n / n.
            const seen = weights.get(m.name)! + rows;
            const mean = sums.get(m.name)!;
            sums.set(m.name, batches === 0 ? value : mean + (value - mean) * (rows / seen));
            weights.set(m.name, seen);
          }
        }
      });
      batches++;
      await pause();
    }
  } finally {
    if (wasTraining === true) model.train();
  }
  if (batches === 0) throw new RangeError('evaluate: the loader yielded no batches');
  const out: Record<string, number> = {};
  for (const m of metrics) {
    const counted = m.name === 'accuracy' && m.fn === undefined;
    // Accuracy is rounded like PyTorch's float32 `(pred == y).float().mean().item()`.
    out[m.name] = counted
      ? Math.fround(sums.get(m.name)! / weights.get(m.name)!)
      : sums.get(m.name)!;
  }
  return out;
}

/** A metric with its reported name; `fn` is undefined for the built-in loss and accuracy. */
interface ResolvedMetric {
  name: string;
  fn: MetricFn | undefined;
}

function resolveMetrics(metrics: readonly Metric[], loss: LossFn | undefined): ResolvedMetric[] {
  const out: ResolvedMetric[] = [];
  metrics.forEach((m, i) => {
    let resolved: ResolvedMetric;
    if (m === 'loss') {
      if (loss === undefined) {
        throw new TypeError("evaluate: the 'loss' metric needs options.loss, e.g. crossEntropy");
      }
      resolved = { name: 'loss', fn: undefined };
    } else if (m === 'accuracy') {
      resolved = { name: 'accuracy', fn: undefined };
    } else if (typeof m === 'function') {
      resolved = { name: m.name || `metric${i}`, fn: m };
    } else if (m !== null && typeof m === 'object' && typeof m.fn === 'function') {
      resolved = { name: m.name, fn: m.fn };
    } else {
      throw new TypeError(
        `evaluate: metric ${i} must be 'loss', 'accuracy', a function or { name, fn }, got ${String(m)}`,
      );
    }
    if (out.some((r) => r.name === resolved.name)) {
      throw new Error(`evaluate: two metrics are named "${resolved.name}"`);
    }
    out.push(resolved);
  });
  return out;
}
