import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { formatLr } from './format-lr';
import { sampleSchedule } from './sample-schedule';
import type { Schedule } from './schedule';
import { valueRange } from './value-range';

/** Options of {@link renderSchedule}. */
export interface RenderScheduleOptions {
  /** Steps to plot: `0 … steps - 1`. */
  steps: number;
  /** Columns of the plot area (the y labels come on top of this). Default 60. */
  width?: number;
  /** Rows of the plot area (the x axis adds two lines below). Default 12. */
  height?: number;
  /** `'unicode'` draws with block elements and box lines, `'ascii'` with `#`, `|` and `-`. */
  charset?: 'unicode' | 'ascii';
}

const CHARSETS = {
  // Index = eighths of a cell filled from the bottom.
  unicode: {
    fill: [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
    tick: '┤',
    axis: '│',
    corner: '└',
    rule: '─',
  },
  ascii: {
    fill: [' ', ' ', '.', '.', ':', ':', '#', '#', '#'],
    tick: '+',
    axis: '|',
    corner: '+',
    rule: '-',
  },
} as const;

/**
 * Plots a schedule as text for a terminal: an area chart of `height` rows by `width` columns,
 * with lr labels on the left (two significant digits) and the step range below. Each column
 * shows the largest value among the steps it covers, so peaks are never lost.
 *
 * @example
 * ```ts
 * console.log(renderSchedule(warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }), { steps: 500 }));
 * // 3.0e-4 ┤   ▄██████▆▅▄▃ …
 * //        │  ▅█████████████▆▄ …
 * ```
 */
export function renderSchedule(schedule: Schedule, options: RenderScheduleOptions): string {
  const op = 'renderSchedule';
  checkOptionKeys(op, options, ['steps', 'width', 'height', 'charset']);
  const steps = checkOption(op, 'steps', options.steps, 'positiveInteger');
  const width = checkOption(op, 'width', options.width ?? 60, 'positiveInteger');
  const height = checkOption(op, 'height', options.height ?? 12, 'positiveInteger');
  const charset = options.charset ?? 'unicode';
  if (charset !== 'unicode' && charset !== 'ascii')
    throw new RangeError(`${op}: charset must be 'unicode' or 'ascii', got ${String(charset)}`);
  const chars = CHARSETS[charset];

  const values = sampleSchedule(schedule, steps);
  const { lo, hi } = valueRange(values);
  const levels = new Array<number>(width);
  for (let column = 0; column < width; column++) {
    // Steps covered by this column; when steps < width a step spans several columns.
    const first = Math.floor((column * steps) / width);
    const end = Math.max(first + 1, Math.floor(((column + 1) * steps) / width));
    let top = -Infinity;
    for (let s = first; s < end; s++) top = Math.max(top, values[s]);
    levels[column] = Math.round(((top - lo) / (hi - lo)) * height * 8);
  }

  const labels = new Map<number, string>([[0, formatLr(hi)]]);
  if (height > 1) labels.set(height - 1, formatLr(lo));
  if (height >= 5) labels.set(Math.floor((height - 1) / 2), formatLr(lo + (hi - lo) / 2));
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));

  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const floor = (height - 1 - row) * 8;
    const cells = levels.map((level) => chars.fill[Math.min(8, Math.max(0, level - floor))]);
    const label = labels.get(row);
    const prefix =
      label === undefined
        ? ' '.repeat(labelWidth + 1) + chars.axis
        : `${label.padStart(labelWidth)} ${chars.tick}`;
    lines.push(prefix + cells.join('').trimEnd());
  }
  const indent = ' '.repeat(labelWidth + 1);
  lines.push(indent + chars.corner + chars.rule.repeat(width));
  const last = String(steps - 1);
  const gap = Math.max(1, width - 1 - last.length);
  lines.push(`${indent} 0${steps > 1 ? ' '.repeat(gap) + last : ''}`);
  return lines.join('\n');
}
