import { Tensor } from '@torchlet/tensor';
import type { SafetensorsEntry } from './encode-safetensors';

/**
 * Takes the values of `tensors` as they are at the call, like `torch.save` does, so that
 * training may go on while they are written. Backends that read synchronously (the CPU backend,
 * gpu.js) are read at once, each into a copy of its own; on a backend that only reads
 * asynchronously, every tensor is first cloned on its device in the same tick (the clone is
 * ordered before any later in-place update) and the clones are read and freed afterwards.
 * Returns a null-prototype record, so names like `__proto__` are ordinary keys.
 *
 * @example
 * ```ts
 * const pending = snapshotTensors(model.stateDict(), 'saveSafetensors');
 * opt.step(); // does not change what `pending` resolves to
 * encodeSafetensors(await pending);
 * ```
 */
export function snapshotTensors(
  tensors: Readonly<Record<string, Tensor>>,
  op: string,
): Promise<Record<string, SafetensorsEntry>> {
  if (tensors === null || typeof tensors !== 'object') {
    throw new TypeError(`${op}: expected a record of Tensors by name, got ${String(tensors)}`);
  }
  const entries: Record<string, SafetensorsEntry> = Object.create(null);
  const pending: [string, Tensor][] = [];
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof Tensor)) {
      throw new TypeError(`${op}: "${name}" must be a Tensor, got ${typeof t}`);
    }
    const shape = [...t.shape];
    if (t.backend.readSync !== undefined) {
      entries[name] = { dtype: t.dtype, shape, data: ownCopy(t) };
    } else {
      entries[name] = { dtype: t.dtype, shape, data: new Float32Array(0) }; // filled below
      pending.push([name, t.detach().clone()]);
    }
  }
  if (pending.length === 0) return Promise.resolve(entries);
  return Promise.all(pending.map(([, clone]) => clone.data())).then(
    (values) => {
      pending.forEach(([name, clone], i) => {
        entries[name].data = values[i];
        clone.dispose();
      });
      return entries;
    },
    (error: unknown) => {
      for (const [, clone] of pending) clone.dispose();
      throw error;
    },
  );
}

/** `dataSync()`, copied again in the rare case a backend hands out its own storage. */
function ownCopy(t: Tensor): SafetensorsEntry['data'] {
  const data = t.dataSync();
  const storage = t.buffer;
  return ArrayBuffer.isView(storage) && storage.buffer === data.buffer ? data.slice() : data;
}
