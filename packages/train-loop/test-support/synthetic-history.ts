import type { History } from '@torchlet/train-loop';

/**
 * A made-up, deterministic training history (a decaying, wiggling loss) for the plot tests.
 *
 * @example
 * ```ts
 * lossCurveSvg(syntheticHistory(500, 100));
 * ```
 */
export function syntheticHistory(steps: number, evalEvery: number): History {
  const history: History = { train: [], eval: [] };
  for (let step = 0; step < steps; step++) {
    const loss = 1.1 * Math.exp(-step / 120) + 0.4 + 0.05 * Math.sin(step * 1.7);
    history.train.push({ step, epoch: 0, loss, lr: 3e-4, gradNorm: 1 });
    if (step % evalEvery === 0 || step === steps - 1) {
      history.eval.push({
        step,
        epoch: 0,
        loss: 1.1 * Math.exp(-step / 140) + 0.45,
        accuracy: 0.5,
      });
    }
  }
  return history;
}
