import type { ProgressWriter } from './progress-writer';

/**
 * `process.stdout` under Node; elsewhere (browsers) a writer that prints whole lines with
 * `console.log`.
 *
 * @example
 * ```ts
 * defaultWriter().write('hello\n');
 * ```
 */
export function defaultWriter(): ProgressWriter {
  const stdout = (globalThis as { process?: { stdout?: ProgressWriter } }).process?.stdout;
  if (stdout !== undefined && typeof stdout.write === 'function') return stdout;
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) console.log(line.replace(/^.*\r/, ''));
    },
  };
}
