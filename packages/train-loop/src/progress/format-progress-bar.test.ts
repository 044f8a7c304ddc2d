import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';
import { formatProgressBar } from './format-progress-bar';

describe('formatProgressBar', () => {
  it('shows a bar, percentage, step count, rate, ETA and loss', () => {
    const line = formatProgressBar({
      done: 240,
      total: 500,
      rate: 52.1,
      loss: 0.61234,
      columns: 100,
    });
    expect(line).toMatch(
      /^█{14}▍ {15}  48% \| step 240\/500 \| 52\.1 steps\/s \| ETA 0:05 \| loss 0\.6123$/,
    );
  });

  it('fills the bar at the end and fits narrow terminals', () => {
    const line = formatProgressBar({ done: 10, total: 10, rate: 2.5, columns: 40 });
    expect(line.startsWith('█'.repeat(10) + ' 100%')).toBe(true);
    expect(line).toContain('2.50 steps/s | ETA 0:00');
  });

  it('drops the bar and ETA when the total is unknown', () => {
    expect(formatProgressBar({ done: 12, rate: 0, loss: 2 })).toBe(
      'step 12 | 0.00 steps/s | loss 2.0000',
    );
    expect(formatProgressBar({ done: 0, total: 5, rate: 0 })).toContain('ETA --:--');
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Infinity)).toBe('--:--');
  });
});
