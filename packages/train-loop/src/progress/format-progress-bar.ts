import { formatDuration } from './format-duration';

/**
 * What one redraw of the progress bar shows.
 *
 * @example
 * ```ts
 * formatProgressBar({ done: 10, total: 100, rate: 20 } satisfies ProgressBarValues);
 * ```
 */
export interface ProgressBarValues {
  /** Steps completed so far. */
  done: number;
  /** Steps in the run, when known. */
  total?: number;
  /** Steps per second. */
  rate: number;
  /** The latest training loss. */
  loss?: number;
  /** Terminal width in characters (default 80); the bar shrinks to fit. */
  columns?: number;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * Formats the single-line progress bar shown on a TTY (the caller redraws it with `\r`):
 *
 * `█████████▌          48% | step 240/500 | 52.1 steps/s | ETA 0:05 | loss 0.6123`
 *
 * Without a known total: `step 240 | 52.1 steps/s | loss 0.6123`.
 *
 * @example
 * ```ts
 * formatProgressBar({ done: 240, total: 500, rate: 52.1, loss: 0.61234, columns: 100 });
 * ```
 */
export function formatProgressBar(values: ProgressBarValues): string {
  const { done, total, rate, loss, columns = 80 } = values;
  const rateText = `${rate.toFixed(rate < 10 ? 2 : 1)} steps/s`;
  const lossText = loss === undefined ? '' : ` | loss ${loss.toFixed(4)}`;
  if (total === undefined || !(total > 0)) return `step ${done} | ${rateText}${lossText}`;
  const fraction = Math.min(1, Math.max(0, done / total));
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '--:--';
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const rest = ` ${percent} | step ${done}/${total} | ${rateText} | ETA ${eta}${lossText}`;
  const width = Math.max(10, Math.min(30, columns - rest.length - 1));
  return bar(fraction, width) + rest;
}

function bar(fraction: number, width: number): string {
  const eighths = Math.round(fraction * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = full < width ? EIGHTHS[eighths % 8] : '';
  return ('█'.repeat(full) + partial).padEnd(width, ' ');
}
