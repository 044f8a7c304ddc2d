import type { TorchletTrainer } from './train-step-torchlet';

/** Median milliseconds of each phase of a torchlet training step. */
export interface PhaseTimes {
  forward: number;
  backward: number;
  update: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

/**
 * Times the phases of `trainer`'s step separately over about `budgetMs` of steps (at least 5),
 * after a warm-up of the same length. Timed by hand, not by tinybench: a phase cannot run
 * alone, each needs the previous one's result. For a synchronous backend only (torchlet's CPU
 * backend), where a phase has finished when its call returns.
 *
 * @example
 * ```ts
 * const { forward, backward, update } = phaseTimes(torchletTrainer(NET_CASE, data));
 * ```
 */
export function phaseTimes(trainer: TorchletTrainer, budgetMs = 1000): PhaseTimes {
  const times: Record<keyof PhaseTimes, number[]> = { forward: [], backward: [], update: [] };
  for (const warm of [true, false]) {
    const start = performance.now();
    for (let i = 0; i < 5 || performance.now() - start < budgetMs; i++) {
      const t0 = performance.now();
      const loss = trainer.forward();
      const t1 = performance.now();
      trainer.backward(loss);
      const t2 = performance.now();
      trainer.update();
      const t3 = performance.now();
      if (warm) continue;
      times.forward.push(t1 - t0);
      times.backward.push(t2 - t1);
      times.update.push(t3 - t2);
    }
  }
  return {
    forward: median(times.forward),
    backward: median(times.backward),
    update: median(times.update),
  };
}
