import type { History } from '../fit/history';
import { lossSeries } from './loss-series';
import { niceTicks } from './nice-ticks';

/**
 * Options of {@link lossCurveSvg}.
 *
 * @example
 * ```ts
 * lossCurveSvg(history, { title: 'run 7', width: 960, height: 480 } satisfies LossCurveSvgOptions);
 * ```
 */
export interface LossCurveSvgOptions {
  /** Heading drawn above the plot (and the document's `<title>`). Default `'Loss'`. */
  title?: string;
  /** Size in pixels (default 720 × 400). */
  width?: number;
  /** Height in pixels (default 400). */
  height?: number;
  /** Longer training curves are averaged down to this many points (default 2000). */
  maxPoints?: number;
}

const TRAIN_COLOR = '#2563eb';
const VAL_COLOR = '#dc2626';

/**
 * Draws the loss curves as a standalone SVG document (no scripts, fonts or external files, so
 * it opens in any browser and embeds in a README): the training loss as a line, the validation
 * loss as a line with dots, round-valued grid lines, axis labels, a legend and a title.
 *
 * @example
 * ```ts
 * const svg = lossCurveSvg(history, { title: 'MLP on blobs' });
 * await atomicWriteFile('loss.svg', svg); // or fit({ ..., plot: 'loss.svg' })
 * ```
 */
export function lossCurveSvg(
  history: Pick<History, 'train' | 'eval'>,
  options: LossCurveSvgOptions = {},
): string {
  const { title = 'Loss', width = 720, height = 400, maxPoints = 2000 } = options;
  const { train: rawTrain, val } = lossSeries(history);
  const train = downsample(rawTrain, maxPoints);
  const left = 64;
  const right = 24;
  const top = 48;
  const bottom = 52;
  const plotW = width - left - right;
  const plotH = height - top - bottom;

  const all = [...train, ...val];
  const steps = all.map(([s]) => s);
  const losses = all.map(([, v]) => v);
  const xs = niceTicks(all.length ? Math.min(...steps) : 0, all.length ? Math.max(...steps) : 1, 8);
  const ys = niceTicks(
    all.length ? Math.min(...losses) : 0,
    all.length ? Math.max(...losses) : 1,
    5,
  );
  const x = (s: number) => left + ((s - xs.min) / (xs.max - xs.min)) * plotW;
  const y = (v: number) => top + ((ys.max - v) / (ys.max - ys.min)) * plotH;
  const points = (series: [number, number][]) =>
    series.map(([s, v]) => `${num(x(s))},${num(y(v))}`).join(' ');

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`  <title>${escapeXml(title)}</title>`);
  out.push(`  <rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `  <text x="${num(left + plotW / 2)}" y="28" font-size="16" font-weight="600" text-anchor="middle" fill="#111827">${escapeXml(title)}</text>`,
  );
  out.push('  <g stroke="#e5e7eb" stroke-width="1">');
  for (const t of ys.ticks) {
    out.push(`    <line x1="${left}" y1="${num(y(t))}" x2="${left + plotW}" y2="${num(y(t))}"/>`);
  }
  for (const t of xs.ticks) {
    out.push(`    <line x1="${num(x(t))}" y1="${top}" x2="${num(x(t))}" y2="${top + plotH}"/>`);
  }
  out.push('  </g>');
  out.push('  <g fill="#4b5563" text-anchor="end">');
  for (const t of ys.ticks) {
    out.push(`    <text x="${left - 8}" y="${num(y(t) + 4)}">${t}</text>`);
  }
  out.push('  </g>');
  out.push('  <g fill="#4b5563" text-anchor="middle">');
  for (const t of xs.ticks) {
    out.push(`    <text x="${num(x(t))}" y="${top + plotH + 18}">${t}</text>`);
  }
  out.push('  </g>');
  out.push(
    `  <rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af" stroke-width="1"/>`,
  );
  out.push(
    `  <text x="${num(left + plotW / 2)}" y="${height - 12}" text-anchor="middle" fill="#374151">step</text>`,
  );
  out.push(
    `  <text x="16" y="${num(top + plotH / 2)}" text-anchor="middle" fill="#374151" transform="rotate(-90 16 ${num(top + plotH / 2)})">loss</text>`,
  );
  if (train.length > 0) {
    out.push(
      `  <polyline class="train" fill="none" stroke="${TRAIN_COLOR}" stroke-width="1.5" stroke-linejoin="round" points="${points(train)}"/>`,
    );
  }
  if (val.length > 0) {
    out.push(
      `  <polyline class="val" fill="none" stroke="${VAL_COLOR}" stroke-width="2" stroke-linejoin="round" points="${points(val)}"/>`,
    );
    out.push(`  <g fill="${VAL_COLOR}">`);
    for (const [s, v] of val) out.push(`    <circle cx="${num(x(s))}" cy="${num(y(v))}" r="3"/>`);
    out.push('  </g>');
  }
  const legendX = left + plotW - 130;
  out.push(`  <g font-size="12" fill="#111827">`);
  out.push(
    `    <line x1="${legendX}" y1="${top + 16}" x2="${legendX + 22}" y2="${top + 16}" stroke="${TRAIN_COLOR}" stroke-width="2"/>`,
  );
  out.push(`    <text x="${legendX + 28}" y="${top + 20}">train loss</text>`);
  if (val.length > 0) {
    out.push(
      `    <line x1="${legendX}" y1="${top + 34}" x2="${legendX + 22}" y2="${top + 34}" stroke="${VAL_COLOR}" stroke-width="2"/>`,
    );
    out.push(`    <circle cx="${legendX + 11}" cy="${top + 34}" r="3" fill="${VAL_COLOR}"/>`);
    out.push(`    <text x="${legendX + 28}" y="${top + 38}">val loss</text>`);
  }
  out.push('  </g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Averages consecutive points so that at most `max` remain. */
function downsample(points: [number, number][], max: number): [number, number][] {
  if (points.length <= max) return points;
  const out: [number, number][] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const chunk = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (chunk.length === 0) continue;
    const step = chunk.reduce((a, [s]) => a + s, 0) / chunk.length;
    const loss = chunk.reduce((a, [, v]) => a + v, 0) / chunk.length;
    out.push([step, loss]);
  }
  return out;
}

function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

// Also in schedulers' schedule-to-svg.ts: schedulers has no dependencies and train-loop does
// not depend on schedulers, so each package keeps its own copy of this escape.
function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
