import type { Tensor } from '@torchlet/tensor';

/**
 * A custom metric: a number for one batch; `evaluate` averages it weighted by batch size.
 *
 * @example
 * ```ts
 * const meanLogit: MetricFn = (output) => output.mean().item();
 * ```
 */
export type MetricFn = (output: Tensor, target: Tensor) => number;

/**
 * A metric for `fit`/`evaluate`: `'loss'` (the loss function), `'accuracy'`, a function (named
 * after the function, e.g. `function f1(...)` reports `f1`), or `{ name, fn }`.
 *
 * @example
 * ```ts
 * const metrics: Metric[] = ['loss', 'accuracy', { name: 'top2', fn: top2Accuracy }];
 * ```
 */
export type Metric =
  | 'loss'
  | 'accuracy'
  | MetricFn
  | {
      /** The name the metric is reported under. */
      name: string;
      /** Computes the metric for one batch. */
      fn: MetricFn;
    };
