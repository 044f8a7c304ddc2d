/** Sets the text of the page element `id` (a status line or a `<dd>` value). */
export function show(id: string, text: string): void {
  document.getElementById(id)!.textContent = text;
}

/**
 * Runs a page's training and reports it the way browser.test.ts reads it: on success `onDone`
 * fills the page and `body[data-done]` is set; on failure the status line shows the error in
 * red and `body[data-error]` carries it, so the test fails at once instead of at its timeout.
 *
 * @example
 * ```ts
 * await runPage(train, (summary) => show('result', JSON.stringify(summary, null, 2)));
 * ```
 */
export async function runPage<T>(train: () => Promise<T>, onDone: (summary: T) => void) {
  try {
    onDone(await train());
    document.body.dataset.done = 'true';
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const status = document.getElementById('status')!;
    status.textContent = `Failed: ${message}`;
    status.className = 'error';
    document.body.dataset.error = message;
  }
}
