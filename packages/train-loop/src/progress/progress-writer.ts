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
  /** Writes text as it is (the reporter adds the newlines and `\r`s). */
  write(text: string): unknown;
  /** Whether the stream is a terminal (`'auto'` progress picks the bar there). */
  isTTY?: boolean;
  /** The terminal's width in characters, to fit the bar. */
  columns?: number;
}
