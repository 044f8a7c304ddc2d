import { describe, expect, it } from 'vitest';
import { sampleSchedule } from './sample-schedule';
import { warmup } from './warmup';

describe('sampleSchedule', () => {
  it('evaluates steps 0 … steps - 1', () => {
    expect(sampleSchedule(warmup({ peak: 1, warmupSteps: 4 }), 6)).toEqual([
      0, 0.25, 0.5, 0.75, 1, 1,
    ]);
  });

  it('reports where a schedule breaks', () => {
    expect(() => sampleSchedule((s) => (s === 3 ? NaN : 1), 5)).toThrow(
      'sampleSchedule: schedule returned NaN at step 3',
    );
    expect(() => sampleSchedule(() => 'x' as never, 5)).toThrow('returned x at step 0');
    expect(() => sampleSchedule(() => 1, 0)).toThrow(
      'sampleSchedule: steps must be an integer > 0, got 0',
    );
    expect(() => sampleSchedule(1 as never, 3)).toThrow(
      'sampleSchedule: schedule must be a function',
    );
  });
});
