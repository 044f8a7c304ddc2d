import { describe, expect, it } from 'vitest';
import { constant } from './constant';
import { cosineAnnealing } from './cosine-annealing';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { linear } from './linear';
import { LRScheduler } from './lr-scheduler';
import { oneCycle } from './one-cycle';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { renderSchedule } from './render-schedule';
import { scheduleToSvg } from './schedule-to-svg';
import { stepDecay } from './step-decay';
import { warmup } from './warmup';
import { warmupCosine } from './warmup-cosine';

// Every options object of the package, each with a valid call, the value it gives, and a key
// as a PyTorch user would spell it, which used to be ignored without a word.
const optimizer = () => ({ paramGroups: [{ lr: 0.1 }] });
type Call = (options: Record<string, unknown>) => unknown;
const table: [string, Call, Record<string, unknown>, unknown, string, string][] = [
  [
    'linear',
    (o) => linear(o as never)(5),
    { from: 1, to: 0, steps: 10 },
    0.5,
    'total_steps',
    "expected one of 'from', 'to', 'steps'",
  ],
  [
    'warmup',
    (o) => warmup(o as never)(1),
    { peak: 1, warmupSteps: 4 },
    0.25,
    'warmup_steps',
    "did you mean 'warmupSteps'?",
  ],
  [
    'cosineDecay',
    (o) => cosineDecay(o as never)(10),
    { peak: 1, decaySteps: 10 },
    0,
    'eta_min',
    "expected one of 'peak', 'decaySteps', 'alpha'",
  ],
  [
    'cosineAnnealing',
    (o) => cosineAnnealing(o as never)(0),
    { baseLr: 0.1, tMax: 10 },
    0.1,
    'T_max',
    "did you mean 'tMax'?",
  ],
  [
    'exponentialDecay',
    (o) => exponentialDecay(o as never)(1),
    { initial: 1, rate: 0.5, transitionSteps: 1 },
    0.5,
    'gamma',
    "expected one of 'initial', 'rate', 'transitionSteps', 'staircase'",
  ],
  [
    'stepDecay',
    (o) => stepDecay(o as never)(2),
    { initial: 1, stepSize: 2, gamma: 0.5 },
    0.5,
    'step_size',
    "did you mean 'stepSize'?",
  ],
  [
    'oneCycle',
    (o) => oneCycle(o as never)(3),
    { maxLr: 1, totalSteps: 10, pctStart: 0.4 },
    1,
    'three_phase',
    "expected one of 'maxLr', 'totalSteps', 'pctStart', 'divFactor', 'finalDivFactor', 'annealStrategy'",
  ],
  [
    'warmupCosine',
    (o) => warmupCosine(o as never)(5),
    { peak: 1, warmupSteps: 10, totalSteps: 20 },
    0.5,
    'warmup_steps',
    "did you mean 'warmupSteps'?",
  ],
  [
    'ReduceLROnPlateau',
    (o) => new ReduceLROnPlateau(optimizer(), o).factor,
    { factor: 0.5 },
    0.5,
    'min_lr',
    "did you mean 'minLr'?",
  ],
  [
    'renderSchedule',
    (o) => renderSchedule(constant(1), o as never).split('\n').length,
    { steps: 5, height: 3 },
    5,
    'heigth',
    "did you mean 'height'?",
  ],
  [
    'scheduleToSvg',
    (o) => scheduleToSvg(constant(1), o as never).startsWith('<svg'),
    { steps: 5 },
    true,
    'xlabel',
    "expected one of 'steps', 'width', 'height', 'title'",
  ],
];

const cases = table.map(([op, call, valid, expected, key, hint]) => ({
  op,
  call,
  valid,
  expected,
  key,
  hint,
}));

describe('options objects refuse unknown keys', () => {
  it.each(cases)('$op works with valid options', ({ call, valid, expected }) => {
    expect(call(valid)).toBe(expected);
  });

  it.each(cases)("$op throws for '$key'", ({ op, call, valid, key, hint }) => {
    expect(() => call({ ...valid, [key]: 1 })).toThrow(
      new TypeError(`${op}: unknown option '${key}'; ${hint}`),
    );
  });

  it('LRScheduler.loadStateDict and ReduceLROnPlateau.loadStateDict refuse unknown keys', () => {
    const scheduler = new LRScheduler(optimizer(), constant(0.1));
    expect(() => scheduler.loadStateDict({ stepCount: 2, last_epoch: 2 } as never)).toThrow(
      new TypeError(
        "LRScheduler.loadStateDict: unknown state key 'last_epoch'; expected one of 'stepCount'",
      ),
    );
    expect(scheduler.stepCount).toBe(0);
    scheduler.loadStateDict({ stepCount: 2 });
    expect(scheduler.stepCount).toBe(2);

    const plateau = new ReduceLROnPlateau(optimizer());
    const state = { ...plateau.stateDict(), num_bad_epochs: 3 };
    expect(() => plateau.loadStateDict(state)).toThrow(
      "ReduceLROnPlateau.loadStateDict: unknown state key 'num_bad_epochs'; did you mean 'numBadEpochs'?",
    );
    plateau.loadStateDict({ ...plateau.stateDict(), numBadEpochs: 3 });
    expect(plateau.numBadEpochs).toBe(3);
  });
});
