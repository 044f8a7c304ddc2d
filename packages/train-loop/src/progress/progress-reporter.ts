import { formatProgressBar } from './format-progress-bar';
import type { ProgressWriter } from './progress-writer';

/**
 * How progress is shown: a redrawn bar (TTY), plain lines, or nothing.
 *
 * @example
 * ```ts
 * const mode: ProgressMode = process.stdout.isTTY ? 'bar' : 'log';
 * ```
 */
export type ProgressMode = 'bar' | 'log' | 'none';

/**
 * Options of {@link ProgressReporter}.
 *
 * @example
 * ```ts
 * new ProgressReporter('bar', process.stdout, { total: 500, minIntervalMs: 250 });
 * ```
 */
export interface ProgressReporterOptions {
  /** Total steps of the run, when known (for the bar's percentage and ETA). */
  total?: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
  /** Least time between two bar redraws (default 100 ms). */
  minIntervalMs?: number;
}

/**
 * Shows training progress: in `'bar'` mode a single line redrawn with `\r` (percentage,
 * rate, ETA, loss) with permanent lines printed above it; in `'log'` mode only the permanent
 * lines; in `'none'` mode nothing.
 *
 * @example
 * ```ts
 * const progress = new ProgressReporter('bar', process.stdout, { total: 500 });
 * progress.update(0, 1.48);
 * progress.line('step    0 | train loss 1.4800');
 * progress.finish();
 * ```
 */
export class ProgressReporter {
  private readonly total: number | undefined;
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  private startTime: number | undefined;
  private startDone = 0;
  private done = 0;
  private loss: number | undefined;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    /** `'bar'`, `'log'` or `'none'`. */
    readonly mode: ProgressMode,
    private readonly writer: ProgressWriter,
    options: ProgressReporterOptions = {},
  ) {
    this.total = options.total;
    this.now = options.now ?? (() => performance.now());
    this.minIntervalMs = options.minIntervalMs ?? 100;
  }

  /** Records that step `step` (0-based) finished with `loss`; redraws the bar now and then. */
  update(step: number, loss: number): void {
    if (this.startTime === undefined) {
      this.startTime = this.now();
      this.startDone = step + 1;
    }
    this.done = step + 1;
    this.loss = loss;
    if (this.mode !== 'bar') return;
    const t = this.now();
    if (t - this.lastDraw >= this.minIntervalMs || this.done === this.total) this.draw(t);
  }

  /** Prints a permanent line (above the bar in `'bar'` mode). */
  line(text: string): void {
    if (this.mode === 'none') return;
    if (this.mode === 'bar' && this.drawn) {
      this.writer.write(`\r\x1b[K${text}\n`);
      this.draw(this.now());
    } else {
      this.writer.write(`${text}\n`);
    }
  }

  /** Draws the bar one last time and ends its line. */
  finish(): void {
    if (this.mode !== 'bar' || this.startTime === undefined) return;
    this.draw(this.now());
    this.writer.write('\n');
    this.drawn = false;
  }

  /** Steps per second since the first update. */
  rate(at = this.now()): number {
    if (this.startTime === undefined) return 0;
    const seconds = (at - this.startTime) / 1000;
    return seconds > 0 ? (this.done - this.startDone) / seconds : 0;
  }

  private draw(t: number): void {
    const text = formatProgressBar({
      done: this.done,
      total: this.total,
      rate: this.rate(t),
      loss: this.loss,
      columns: this.writer.columns ?? 80,
    });
    this.writer.write(`\r${text}\x1b[K`);
    this.drawn = true;
    this.lastDraw = t;
  }
}
