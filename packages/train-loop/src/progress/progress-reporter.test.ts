import { describe, expect, it } from 'vitest';
import { ProgressReporter } from './progress-reporter';

function capture(isTTY: boolean) {
  let text = '';
  return {
    writer: { write: (s: string) => (text += s), isTTY, columns: 90 },
    text: () => text,
  };
}

describe('ProgressReporter', () => {
  it('redraws one line with \\r on a TTY, at most every minIntervalMs, and prints lines above it', () => {
    const out = capture(true);
    let clock = 0;
    const progress = new ProgressReporter('bar', out.writer, { total: 4, now: () => clock });
    progress.update(0, 1.5);
    clock = 50;
    progress.update(1, 1.2); // too soon: no redraw
    clock = 1050;
    progress.update(2, 1.0);
    progress.line('step    2 | train loss 1.0000');
    clock = 1100;
    progress.update(3, 0.9); // the last step always redraws
    progress.finish();
    const text = out.text();
    const frames = text.split('\r').filter((f) => f.includes('steps/s'));
    expect(frames.length).toBe(5);
    expect(text).toContain('\r\x1b[Kstep    2 | train loss 1.0000\n');
    expect(text).not.toContain('loss 1.2000');
    expect(text).toMatch(
      /100% \| step 4\/4 \| 2\.73 steps\/s \| ETA 0:00 \| loss 0\.9000\x1b\[K\n$/,
    );
  });

  it('prints only the lines in log mode and nothing in none mode', () => {
    const log = capture(false);
    const progress = new ProgressReporter('log', log.writer, { total: 2 });
    progress.update(0, 1);
    progress.line('a');
    progress.finish();
    expect(log.text()).toBe('a\n');
    const none = capture(false);
    const quiet = new ProgressReporter('none', none.writer);
    quiet.update(0, 1);
    quiet.line('a');
    quiet.finish();
    expect(none.text()).toBe('');
  });
});
