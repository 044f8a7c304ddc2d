/**
 * One optimizer step of a `fit` run.
 *
 * @example
 * ```ts
 * history.train.map((row: TrainRow) => row.gradNorm);
 * ```
 */
export interface TrainRow {
  /** 0-based step index, as in `for (let step = 0; step < steps; step++)`. */
  step: number;
  /** 0-based epoch index. */
  epoch: number;
  /** The training loss of this step's batch. */
  loss: number;
  /** The learning rate of the first param group during this step. */
  lr: number;
  /** Total L2 norm of the gradients before clipping (`clipGradNorm`'s return value). */
  gradNorm: number;
}

/**
 * One evaluation on the validation loader: the step it followed and each metric.
 *
 * @example
 * ```ts
 * history.eval.at(-1)?.accuracy;
 * ```
 */
export interface EvalRow {
  /** The step the evaluation followed (0-based). */
  step: number;
  /** The epoch of that step (0-based). */
  epoch: number;
  /** Metric values by name: `loss`, `accuracy`, custom names. */
  [metric: string]: number;
}

/**
 * What `fit` returns (and keeps in its checkpoints): every step's loss, learning rate and
 * gradient norm, and every evaluation.
 *
 * @example
 * ```ts
 * const history: History = await fit({ ... });
 * history.train.at(-1)?.loss;
 * history.eval.map((row) => row.accuracy);
 * ```
 */
export interface History {
  /** One row per optimizer step. */
  train: TrainRow[];
  /** One row per evaluation. */
  eval: EvalRow[];
  /** Why training ended early (early stopping, a callback's `stop(reason)`), if it did. */
  stopReason?: string;
}
