import type { History } from '../fit/history';
import { lossSeries } from './loss-series';

/**
 * Options of {@link lossCurveText}.
 *
 * @example
 * ```ts
 * lossCurveText(history, { width: 80, height: 12, ascii: true } satisfies LossCurveTextOptions);
 * ```
 */
export interface LossCurveTextOptions {
  /** Plot width in characters (default 60). */
  width?: number;
  /** Plot height in lines (default 10). */
  height?: number;
  /** Plain ASCII (`*` and `o`) instead of braille dots and `●`. */
  ascii?: boolean;
}

/**
 * Draws the loss curves for a terminal: the training loss as a line of braille dots (2×4 dots
 * per character, so a 60×10 plot has 120×40 points; each column shows the mean loss of the
 * steps that fall in it) and the validation loss as `●` marks, with the loss range on the left
 * and the step range below.
 *
 * @example
 * ```ts
 * console.log(lossCurveText(history, { width: 60, height: 10 }));
 * ```
 */
export function lossCurveText(
  history: Pick<History, 'train' | 'eval'>,
  options: LossCurveTextOptions = {},
): string {
  const { width = 60, height = 10, ascii = false } = options;
  if (!(Number.isInteger(width) && width >= 2 && Number.isInteger(height) && height >= 2)) {
    throw new RangeError(`lossCurveText: width and height must be integers >= 2`);
  }
  const { train, val } = lossSeries(history);
  if (train.length === 0 && val.length === 0) return '(no finite loss values to plot)';

  const steps = [...train, ...val].map(([s]) => s);
  const xMin = Math.min(...steps);
  const xSpan = Math.max(...steps) - xMin || 1;
  // Pixel grid: braille gives 2 columns and 4 rows of dots per character.
  const pw = ascii ? width : width * 2;
  const ph = ascii ? height : height * 4;
  const columns = bucketMeans(train, (s) => Math.round(((s - xMin) / xSpan) * (pw - 1)), pw);
  const values = [...columns.filter((v) => v !== undefined), ...val.map(([, v]) => v)] as number[];
  let yMin = Math.min(...values);
  let yMax = Math.max(...values);
  if (yMax === yMin) {
    yMin -= 0.5;
    yMax += 0.5;
  }
  const toRow = (v: number, rows: number) => Math.round(((yMax - v) / (yMax - yMin)) * (rows - 1));

  const dots: boolean[][] = Array.from({ length: ph }, () => new Array<boolean>(pw).fill(false));
  let previous: [number, number] | undefined;
  columns.forEach((v, x) => {
    if (v === undefined) return;
    const y = toRow(v, ph);
    if (previous === undefined) dots[y][x] = true;
    else drawLine(dots, previous, [x, y]);
    previous = [x, y];
  });

  const cells: string[][] = Array.from({ length: height }, (_, cy) =>
    Array.from({ length: width }, (_, cx) =>
      ascii ? asciiCell(dots, cx, cy) : brailleCell(dots, cx, cy),
    ),
  );
  for (const [s, v] of val) {
    const cx = Math.round(((s - xMin) / xSpan) * (width - 1));
    cells[toRow(v, height)][cx] = ascii ? 'o' : '●';
  }

  const labels = new Map<number, string>([
    [0, tick(yMax)],
    [
      Math.floor((height - 1) / 2),
      tick(yMax - ((yMax - yMin) * Math.floor((height - 1) / 2)) / (height - 1)),
    ],
    [height - 1, tick(yMin)],
  ]);
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));
  const [tickMark, axis, corner, rule] = ascii ? ['+', '|', '+', '-'] : ['┤', '│', '└', '─'];
  const lines = cells.map((row, cy) => {
    const label = labels.get(cy);
    return `${(label ?? '').padStart(labelWidth)} ${label === undefined ? axis : tickMark}${row.join('')}`;
  });
  const pad = ' '.repeat(labelWidth + 1);
  lines.push(`${pad}${corner}${rule.repeat(width)}`);
  const first = `step ${xMin}`;
  const last = String(Math.max(...steps));
  lines.push(`${pad} ${first}${last.padStart(Math.max(1, width - first.length))}`);
  const legend = [`${ascii ? '*' : '⠤'} train loss`];
  if (val.length > 0) legend.push(`${ascii ? 'o' : '●'} val loss`);
  lines.push(`${pad} ${legend.join('   ')}`);
  return lines.join('\n');
}

/** Mean of the values that land in each column (undefined where none do). */
function bucketMeans(
  points: readonly [number, number][],
  column: (step: number) => number,
  count: number,
): (number | undefined)[] {
  const sums = new Array<number>(count).fill(0);
  const counts = new Array<number>(count).fill(0);
  for (const [s, v] of points) {
    const c = column(s);
    sums[c] += v;
    counts[c]++;
  }
  return sums.map((sum, i) => (counts[i] > 0 ? sum / counts[i] : undefined));
}

function drawLine(dots: boolean[][], [x0, y0]: [number, number], [x1, y1]: [number, number]): void {
  const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  for (let i = 0; i <= n; i++) {
    const x = Math.round(x0 + ((x1 - x0) * i) / n);
    const y = Math.round(y0 + ((y1 - y0) * i) / n);
    dots[y][x] = true;
  }
}

// Braille dot numbering: bits 0-2 and 6 are the left column top to bottom, 3-5 and 7 the right.
const BRAILLE_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
];

function brailleCell(dots: boolean[][], cx: number, cy: number): string {
  let bits = 0;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 2; c++) if (dots[cy * 4 + r][cx * 2 + c]) bits |= BRAILLE_BITS[r][c];
  }
  return bits === 0 ? ' ' : String.fromCharCode(0x2800 + bits);
}

function asciiCell(dots: boolean[][], cx: number, cy: number): string {
  return dots[cy][cx] ? '*' : ' ';
}

function tick(value: number): string {
  return String(Number(value.toPrecision(3)));
}
