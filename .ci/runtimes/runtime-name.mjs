/**
 * The runtime this program runs on, with its version: `node 20.20.2`, `bun 1.4.4`,
 * `deno 2.9.6`.
 *
 * @example
 * ```js
 * console.log(runtimeName()); // 'deno 2.9.6'
 * ```
 */
export function runtimeName() {
  const g = /** @type {any} */ (globalThis);
  if (g.Deno?.version?.deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  return `node ${g.process.versions.node}`;
}
