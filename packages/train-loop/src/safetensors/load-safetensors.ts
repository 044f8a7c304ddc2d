import { nodeFs } from '../node/node-fs';
import { decodeSafetensors, type SafetensorsContents } from './decode-safetensors';

/**
 * Reads a `.safetensors` file (ours, or one written by `safetensors.torch.save_file`). Node
 * only; see {@link decodeSafetensors} for bytes you already hold.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = await loadSafetensors('model.safetensors');
 * model.loadStateDict(tensors);
 * ```
 */
export async function loadSafetensors(path: string): Promise<SafetensorsContents> {
  const fs = await nodeFs('loadSafetensors');
  const bytes = await fs.promises.readFile(path);
  try {
    return decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    (error as Error).message = `${(error as Error).message} (in ${path})`;
    throw error;
  }
}
