import type { Callback, FitContext } from '../callbacks/callback';
import type { BatchSource } from './batch-source';
import { evaluate, type LossFn } from './evaluate';
import type { FitPlan } from './fit-plan';
import type { FitRng } from './fit-rng';
import type { RngStates } from './fit-state';
import type { EvalRow, TrainRow } from './history';

/**
 * What a run's evaluations use.
 *
 * @example
 * ```ts
 * const parts: FitEvaluationParts = { val, loss: crossEntropy, callbacks: [] };
 * ```
 */
export interface FitEvaluationParts {
  val?: BatchSource;
  loss: LossFn;
  callbacks?: readonly Callback[];
}

/**
 * When `fit` evaluates on `val`. Each evaluation is recorded in the history (at `ctx.step`,
 * `ctx.epoch`) and passed to the `onEvalEnd` callbacks. Without `val`, none happens.
 *
 * @example
 * ```ts
 * const evalRow = await evaluation.afterStep(step, batchInEpoch, isLast); // undefined: not due
 * ```
 */
export interface FitEvaluation {
  /** After a step: every `evalEvery` steps (or at the end of an epoch), and after the last step. */
  afterStep(step: number, batchInEpoch: number, isLast: boolean): Promise<EvalRow | undefined>;
  /** After an epoch of unknown length with `evalEvery: 'epoch'`: its last step, unless done. */
  afterEpoch(): Promise<EvalRow | undefined>;
  /** When the run ends: `last`, unless evaluated already (a run whose length was unknown). */
  atEnd(last: TrainRow): Promise<EvalRow | undefined>;
}

/**
 * The {@link FitEvaluation} of a run. An evaluation that happens only because the run ends
 * leaves the generators as they were (a val DataLoader draws its base seed), so a checkpoint
 * written then resumes exactly as the longer, uninterrupted run continues; they are put back
 * before the callbacks run, so a checkpoint written by one of them holds them too.
 *
 * @example
 * ```ts
 * const evaluation = fitEvaluation(ctx, options, plan, rng);
 * ```
 */
export function fitEvaluation(
  ctx: FitContext,
  parts: FitEvaluationParts,
  plan: FitPlan,
  rng: FitRng,
): FitEvaluation {
  const { val, loss, callbacks = [] } = parts;
  const { metrics, evalEvery, trainLength } = plan;
  const { history } = ctx;
  const run = async (rngBefore?: RngStates): Promise<EvalRow> => {
    const values = await evaluate(ctx.model, val!, { loss, metrics });
    if (rngBefore !== undefined) rng.restore(rngBefore);
    const row: EvalRow = { step: ctx.step, epoch: ctx.epoch, ...values };
    history.eval.push(row);
    for (const cb of callbacks) await cb.onEvalEnd?.(ctx, row);
    return row;
  };
  const final = async (): Promise<EvalRow> => {
    const saved = rng.capture();
    try {
      return await run(saved);
    } finally {
      rng.restore(saved);
    }
  };
  const evaluated = (row: TrainRow) => history.eval[history.eval.length - 1]?.step === row.step;
  return {
    async afterStep(step, batchInEpoch, isLast) {
      if (val === undefined) return undefined;
      if (evalEvery === 'epoch' ? plan.endsEpoch(batchInEpoch) : step % evalEvery === 0) {
        return run();
      }
      return isLast ? final() : undefined;
    },
    async afterEpoch() {
      if (val === undefined || evalEvery !== 'epoch' || trainLength !== undefined) return undefined;
      return evaluated(history.train[history.train.length - 1]) ? undefined : run();
    },
    async atEnd(last) {
      return val === undefined || evaluated(last) ? undefined : final();
    },
  };
}
