import type { Callback } from './callback';
import { createMonitor } from './create-monitor';

/**
 * Options of {@link checkpoint}.
 *
 * @example
 * ```ts
 * checkpoint({ path: 'runs/step-{step}.safetensors', every: 500 } satisfies CheckpointCallbackOptions);
 * ```
 */
export interface CheckpointCallbackOptions {
  /** File to write; `{step}` in it is replaced by the step (`runs/step-{step}.safetensors`). */
  path: string;
  /** Save every `every` steps (at steps every, 2·every, …) and at the end of training. */
  every?: number;
  /** Save whenever the monitored eval metric reaches a new best. */
  saveBest?: boolean;
  /** Eval metric for `saveBest` (default `'loss'`). */
  monitor?: string;
  /** `'min'` or `'max'`; default `'max'` for accuracy, `'min'` otherwise. */
  mode?: 'min' | 'max';
}

/**
 * Writes checkpoints during `fit`, atomically, with everything needed to resume bit for bit
 * (`fit({ resume: path })`): either every N steps (plus the final step), or each time the
 * monitored validation metric improves. Use two callbacks for both.
 *
 * @example
 * ```ts
 * callbacks: [
 *   checkpoint({ path: 'runs/last.safetensors', every: 100 }),
 *   checkpoint({ path: 'runs/best.safetensors', saveBest: true, monitor: 'loss' }),
 * ]
 * ```
 */
export function checkpoint(options: CheckpointCallbackOptions): Callback {
  const { path, every, saveBest = false, monitor: name = 'loss', mode } = options;
  if (typeof path !== 'string' || path === '') {
    throw new TypeError('checkpoint: path must be a non-empty string');
  }
  if ((every === undefined) === !saveBest) {
    throw new TypeError(
      'checkpoint: pass either every (save every N steps) or saveBest: true; use two checkpoint ' +
        'callbacks to do both',
    );
  }
  if (every !== undefined && (!Number.isInteger(every) || every < 1)) {
    throw new RangeError(`checkpoint: every must be a positive integer, got ${every}`);
  }
  const monitor = createMonitor('checkpoint', name, mode);
  let lastSaved = -1;
  const fileFor = (step: number) => path.replace(/\{step\}/g, String(step));
  return {
    onFitStart() {
      monitor.reset();
      lastSaved = -1;
    },
    async onStepEnd(ctx) {
      if (every !== undefined && ctx.step > 0 && ctx.step % every === 0) {
        await ctx.saveCheckpoint(fileFor(ctx.step));
        lastSaved = ctx.step;
      }
    },
    async onEvalEnd(ctx, row) {
      if (saveBest && monitor.improved(row)) {
        await ctx.saveCheckpoint(fileFor(ctx.step));
        lastSaved = ctx.step;
      }
    },
    async onFitEnd(ctx) {
      if (every !== undefined && ctx.history.train.length > 0 && lastSaved !== ctx.step) {
        await ctx.saveCheckpoint(fileFor(ctx.step));
        lastSaved = ctx.step;
      }
    },
  };
}
