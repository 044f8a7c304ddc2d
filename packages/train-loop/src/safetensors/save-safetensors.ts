import type { Tensor } from '@torchlet/tensor';
import { atomicWriteFile } from '../node/atomic-write-file';
import { encodeSafetensors, type SafetensorsEntry } from './encode-safetensors';

/**
 * Writes tensors to a `.safetensors` file atomically (temporary file, fsync, rename), so a crash
 * mid-write leaves any previous file at `path` intact. Tensors on any backend are read with
 * `await t.data()`. Node only; see {@link encodeSafetensors} for the in-memory encoder.
 *
 * @example
 * ```ts
 * await saveSafetensors('model.safetensors', model.stateDict(), { format: 'pt' });
 * // Python: safetensors.torch.load_file('model.safetensors')
 * ```
 */
export async function saveSafetensors(
  path: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>> = {},
): Promise<void> {
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [name, t] of Object.entries(tensors)) {
    entries[name] = { dtype: t.dtype, shape: t.shape, data: await t.data() };
  }
  await atomicWriteFile(path, encodeSafetensors(entries, metadata), 'saveSafetensors');
}
