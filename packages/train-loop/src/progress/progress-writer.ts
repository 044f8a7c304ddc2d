/**
 * Where progress goes: anything with `write(text)`, such as `process.stdout`. `isTTY` picks
 * the redrawn bar over plain lines; `columns` sizes the bar.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const writer: ProgressWriter = { write: (text) => lines.push(text) };
 * ```
 */
export interface ProgressWriter {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
