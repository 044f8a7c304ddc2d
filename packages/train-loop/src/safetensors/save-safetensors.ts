import type { Tensor } from '@torchlet/tensor';
import { atomicWriteFile } from '../node/atomic-write-file';
import { encodeSafetensors } from './encode-safetensors';
import { snapshotTensors } from './snapshot-tensors';

/**
 * Writes tensors to a `.safetensors` file atomically (temporary file, fsync, rename), so a crash
 * mid-write leaves any previous file at `path` intact. Like `torch.save`, it saves the values
 * the tensors hold when it is called: they are read (or, on a backend that reads only
 * asynchronously, cloned on the device) before it returns, so training may continue while the
 * file is written. Node only; see {@link encodeSafetensors} for the in-memory encoder.
 *
 * @example
 * ```ts
 * const saving = saveSafetensors('model.safetensors', model.stateDict(), { format: 'pt' });
 * opt.step(); // not in the file
 * await saving;
 * // Python: safetensors.torch.load_file('model.safetensors')
 * ```
 */
export async function saveSafetensors(
  path: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>> = {},
): Promise<void> {
  // Everything up to the first await runs at the call: the values and the metadata are taken now.
  const pending = snapshotTensors(tensors, 'saveSafetensors');
  const meta: Record<string, string> = Object.assign(Object.create(null), metadata);
  const entries = await pending;
  await atomicWriteFile(path, encodeSafetensors(entries, meta), 'saveSafetensors');
}
