import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { formatLr } from './format-lr';
import { sampleSchedule } from './sample-schedule';
import type { Schedule } from './schedule';
import { valueRange } from './value-range';

/** Options of {@link scheduleToSvg}. */
export interface ScheduleToSvgOptions {
  /** Steps to plot: `0 … steps - 1`. */
  steps: number;
  /** Width of the image in pixels. Default 640. */
  width?: number;
  /** Height of the image in pixels. Default 240. */
  height?: number;
  /** Caption drawn above the plot. */
  title?: string;
}

const MARGIN = { left: 64, right: 20, bottom: 40 };
const Y_TICKS = 5;

/**
 * Plots a schedule as a standalone SVG document (axes, ticks labelled with steps and with lr
 * values in two significant digits, and the curve as one polyline) to save as `.svg` and open
 * in a browser. Curves longer than twice the plot's pixel width are reduced to the smallest and
 * largest value of each pixel column, which keeps every jump and peak.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const lr = oneCycle({ maxLr: 0.1, totalSteps: 1000 });
 * writeFileSync('one-cycle.svg', scheduleToSvg(lr, { steps: 1000, title: 'oneCycle' }));
 * ```
 */
export function scheduleToSvg(schedule: Schedule, options: ScheduleToSvgOptions): string {
  const op = 'scheduleToSvg';
  checkOptionKeys(op, options, ['steps', 'width', 'height', 'title']);
  const steps = checkOption(op, 'steps', options.steps, 'positiveInteger');
  const width = checkOption(op, 'width', options.width ?? 640, 'positiveInteger');
  const height = checkOption(op, 'height', options.height ?? 240, 'positiveInteger');
  const title = options.title;
  if (title !== undefined && typeof title !== 'string')
    throw new TypeError(`${op}: title must be a string`);
  const top = title ? 32 : 16;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  if (right - left < 20 || bottom - top < 20)
    throw new RangeError(
      `${op}: a ${width}×${height} image leaves no room for the plot; use at least ${MARGIN.left + MARGIN.right + 20}×${top + MARGIN.bottom + 20}`,
    );

  const values = sampleSchedule(schedule, steps);
  const { lo, hi } = valueRange(values);
  const x = (step: number) =>
    steps === 1 ? (left + right) / 2 : left + (step / (steps - 1)) * (right - left);
  const y = (value: number) => bottom - ((value - lo) / (hi - lo)) * (bottom - top);

  const points = reduce(values, Math.floor(right - left))
    .map((s) => `${num(x(s))},${num(y(values[s]))}`)
    .join(' ');

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${escapeXml(title ?? 'learning-rate schedule')}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (title)
    parts.push(
      `<text x="${num(width / 2)}" y="20" text-anchor="middle" font-size="14" fill="#111111">${escapeXml(title)}</text>`,
    );
  parts.push('<g stroke="#e5e5e5" stroke-width="1">');
  const yTicks = Array.from({ length: Y_TICKS }, (_, i) => lo + ((hi - lo) * i) / (Y_TICKS - 1));
  for (const v of yTicks)
    parts.push(`<line x1="${left}" y1="${num(y(v))}" x2="${right}" y2="${num(y(v))}"/>`);
  parts.push('</g>');
  parts.push(
    `<g stroke="#333333" stroke-width="1"><line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}"/><line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"/></g>`,
  );
  parts.push('<g fill="#333333" text-anchor="end">');
  for (const v of yTicks)
    parts.push(`<text x="${left - 6}" y="${num(y(v) + 4)}">${formatLr(v)}</text>`);
  parts.push('</g>');
  parts.push('<g fill="#333333" text-anchor="middle">');
  for (const s of stepTicks(steps - 1))
    parts.push(
      `<line x1="${num(x(s))}" y1="${bottom}" x2="${num(x(s))}" y2="${bottom + 4}" stroke="#333333"/><text x="${num(x(s))}" y="${bottom + 16}">${s}</text>`,
    );
  parts.push(`<text x="${num((left + right) / 2)}" y="${height - 6}">step</text>`);
  parts.push('</g>');
  parts.push(
    `<polyline fill="none" stroke="#d9480f" stroke-width="1.5" stroke-linejoin="round" points="${points}"/>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Steps to draw: all of them, or per pixel column its min and max in step order. */
function reduce(values: readonly number[], columns: number): number[] {
  const n = values.length;
  if (n <= 2 * columns) return values.map((_, i) => i);
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    const first = Math.floor((c * n) / columns);
    const end = Math.floor(((c + 1) * n) / columns);
    let min = first;
    let max = first;
    for (let i = first + 1; i < end; i++) {
      if (values[i] < values[min]) min = i;
      if (values[i] > values[max]) max = i;
    }
    if (min === max) kept.push(min);
    else kept.push(Math.min(min, max), Math.max(min, max));
  }
  // The first and last steps bound the curve even when they are not a column's extremes.
  if (kept[0] !== 0) kept.unshift(0);
  if (kept[kept.length - 1] !== n - 1) kept.push(n - 1);
  return kept;
}

/** About six round step values (multiples of 1, 2 or 5 × 10^k) from 0 to `last`. */
function stepTicks(last: number): number[] {
  if (last === 0) return [0];
  const raw = last / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const increment = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? 10 * magnitude;
  const spacing = Math.max(1, Math.round(increment));
  const ticks: number[] = [];
  for (let s = 0; s <= last; s += spacing) ticks.push(s);
  return ticks;
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

// Also in train-loop's loss-curve-svg.ts: schedulers has no dependencies and train-loop does
// not depend on schedulers, so each package keeps its own copy of this escape.
function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
