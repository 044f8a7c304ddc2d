import { describe, expect, it } from 'vitest';
import { constant } from './constant';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { join } from './join';
import { linear } from './linear';
import { oneCycle } from './one-cycle';
import { renderSchedule } from './render-schedule';
import type { Schedule } from './schedule';
import { scheduleToSvg } from './schedule-to-svg';
import { stepDecay } from './step-decay';
import { warmup } from './warmup';
import { warmupCosine } from './warmup-cosine';

const every: Record<string, Schedule> = {
  constant: constant(0.1),
  linear: linear({ from: 0.1, to: 0.001, steps: 150 }),
  warmup: warmup({ peak: 0.1, warmupSteps: 50 }),
  cosineDecay: cosineDecay({ peak: 0.1, decaySteps: 200, alpha: 0.1 }),
  exponentialDecay: exponentialDecay({ initial: 0.1, rate: 0.5, transitionSteps: 40 }),
  stepDecay: stepDecay({ initial: 0.1, stepSize: 50, gamma: 0.3 }),
  oneCycle: oneCycle({ maxLr: 0.1, totalSteps: 200 }),
  warmupCosine: warmupCosine({ peak: 0.1, warmupSteps: 20, totalSteps: 200, minLr: 0.01 }),
  join: join([constant(0.1), linear({ from: 0.05, to: 0, steps: 100 })], [100]),
};

/** The plot rows: the lines before the x axis. */
function plotRows(text: string): string[] {
  const lines = text.split('\n');
  return lines.slice(0, lines.length - 2);
}

describe('renderSchedule', () => {
  it('draws `height` rows of `width` columns plus the x axis, labelled with lr and steps', () => {
    const text = renderSchedule(warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }), {
      steps: 500,
    });
    const lines = text.split('\n');
    expect(lines).toHaveLength(12 + 2);
    expect(plotRows(text)).toHaveLength(12);
    expect(lines[0]).toMatch(/^3\.0e-4 ┤/);
    expect(lines[11]).toMatch(/^ {5}0 ┤/);
    expect(lines[12]).toBe(`${' '.repeat(7)}└${'─'.repeat(60)}`);
    expect(lines[13].trim()).toMatch(/^0 +499$/);
    // The top row holds the peak, the bottom row is filled wherever the lr is above 0.
    expect(lines[0]).toContain('█');
    expect([...lines[11].slice(9)].filter((c) => c === '█').length).toBeGreaterThanOrEqual(45);
  });

  it('honours width, height and the ascii charset', () => {
    const text = renderSchedule(stepDecay({ initial: 0.1, stepSize: 30, gamma: 0.5 }), {
      steps: 100,
      width: 40,
      height: 6,
      charset: 'ascii',
    });
    expect(plotRows(text)).toHaveLength(6);
    expect(text).toMatch(/^[ -~\n]+$/); // printable ASCII only
    expect(text.split('\n')[6]).toBe(`     +${'-'.repeat(40)}`);
    for (const row of plotRows(text)) expect(row.length).toBeLessThanOrEqual(5 + 1 + 40);
  });

  it('spreads short schedules over the width', () => {
    const text = renderSchedule(linear({ from: 0, to: 1, steps: 3 }), {
      steps: 4,
      width: 8,
      height: 4,
    });
    // Steps 0..3 each take two columns; step 3 (lr 1) fills the last two to the top.
    expect(plotRows(text)[0].endsWith('██')).toBe(true);
  });

  it('validates its options', () => {
    expect(() => renderSchedule(constant(1), { steps: 0 })).toThrow(
      'renderSchedule: steps must be an integer > 0, got 0',
    );
    expect(() => renderSchedule(constant(1), { steps: 5, height: 0 })).toThrow(
      'renderSchedule: height must be an integer > 0, got 0',
    );
    expect(() => renderSchedule(constant(1), { steps: 5, charset: 'emoji' as 'ascii' })).toThrow(
      "renderSchedule: charset must be 'unicode' or 'ascii', got emoji",
    );
  });

  it.each(Object.entries(every))('renders %s as text and as SVG', (_, schedule) => {
    expect(plotRows(renderSchedule(schedule, { steps: 200, height: 8 }))).toHaveLength(8);
    const svg = scheduleToSvg(schedule, { steps: 200 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<polyline');
  });
});
