/** One labelled point of {@link scatterSvg}. */
export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  /** Points of one group share a colour (groups beyond the palette reuse it). */
  readonly group: number;
  /** Draws the label in bold (say, the words the others were chosen around). */
  readonly bold?: boolean;
}

const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2'];

/**
 * A standalone SVG document (no scripts or external files) of labelled points: each point a
 * dot in its group's colour with its label beside it, scaled to fill the plot with equal units
 * on both axes, so distances in the picture are distances in the projection.
 *
 * @example
 * ```ts
 * writeFileSync('out/embeddings.svg', scatterSvg([{ x: 0, y: 1, label: 'whale', group: 0 }], { title: 'words' }));
 * ```
 */
export function scatterSvg(
  points: readonly ScatterPoint[],
  options: { title?: string; width?: number; height?: number } = {},
): string {
  const { title = 'Scatter', width = 800, height = 640 } = options;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new RangeError(
        `scatterSvg: point "${p.label}" has a non-finite coordinate (${p.x}, ${p.y})`,
      );
    }
  }
  const margin = { left: 24, right: 96, top: 48, bottom: 24 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = points.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = points.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  // One scale for both axes (the larger span decides), centred in the plot.
  const scale = Math.min(plotW / (x1 - x0 || 1), plotH / (y1 - y0 || 1));
  const cx = margin.left + plotW / 2 - ((x0 + x1) / 2) * scale;
  const cy = margin.top + plotH / 2 + ((y0 + y1) / 2) * scale;
  const px = (v: number) => num(cx + v * scale);
  const py = (v: number) => num(cy - v * scale);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`  <title>${escapeXml(title)}</title>`);
  out.push(`  <rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `  <text x="${num(width / 2)}" y="28" font-size="16" font-weight="600" text-anchor="middle" fill="#111827">${escapeXml(title)}</text>`,
  );
  for (const p of points) {
    const color = PALETTE[p.group % PALETTE.length];
    out.push(
      `  <g class="point" fill="${color}"><circle cx="${px(p.x)}" cy="${py(p.y)}" r="3.5"/>` +
        `<text x="${num(cx + p.x * scale + 6)}" y="${num(cy - p.y * scale + 4)}"${p.bold ? ' font-weight="700"' : ''}>` +
        `${escapeXml(p.label)}</text></g>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
