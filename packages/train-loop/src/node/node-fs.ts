/** The `node:fs` module, as `import('node:fs')` gives it. */
export type NodeFs = typeof import('node:fs');

let loading: Promise<NodeFs> | undefined;

/**
 * Loads `node:fs` on first use. A dynamic import keeps the package importable in browsers:
 * only the functions that touch files need Node, and they say so when it is missing.
 *
 * @example
 * ```ts
 * const fs = await nodeFs('loadSafetensors');
 * const bytes = await fs.promises.readFile(path);
 * ```
 */
export async function nodeFs(op: string): Promise<NodeFs> {
  loading ??= import('node:fs');
  try {
    return await loading;
  } catch {
    loading = undefined;
    throw new Error(
      `${op}: needs Node's file system (node:fs), which this runtime lacks; ` +
        'in a browser use encodeSafetensors / decodeSafetensors on a Uint8Array instead',
    );
  }
}
