import { cpuBackend, tensor, type Backend, type TypedArray } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { snapshotTensors } from './snapshot-tensors';

/** The CPU backend, but readable only asynchronously and a few tasks late, as a GPU read is. */
function asyncOnlyBackend(): Backend<TypedArray> & { reads: number } {
  const backend = {
    ...cpuBackend,
    name: 'async-cpu',
    readSync: undefined,
    reads: 0,
    read(buffer: TypedArray, dtype: Parameters<Backend['read']>[1]) {
      backend.reads++;
      return new Promise<TypedArray>((resolve) =>
        setTimeout(() => resolve(cpuBackend.readSync!(buffer, dtype)), 5),
      );
    },
  };
  return backend;
}

describe('snapshotTensors', () => {
  it('copies CPU tensors at the call, views in logical order', async () => {
    const w = tensor([
      [1, 2],
      [3, 4],
    ]);
    const pending = snapshotTensors({ w, t: w.T, n: tensor(Int32Array.from([7])) }, 'test');
    w.fill_(0);
    const entries = await pending;
    expect(Array.from(entries.w.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(entries.t.data)).toEqual([1, 3, 2, 4]);
    expect(entries.t.shape).toEqual([2, 2]);
    expect(entries.n.dtype).toBe('int32');
    expect(Array.from(entries.n.data)).toEqual([7]);
  });

  it('clones tensors of a backend without synchronous reads before returning, so later steps do not leak in', async () => {
    const backend = asyncOnlyBackend();
    const w = tensor([1, 2, 3], { backend });
    const b = tensor([0.5], { dtype: 'float64', backend });
    const pending = snapshotTensors({ w, b }, 'test');
    // A training step on the device, right after the call.
    w.fill_(-1);
    b.fill_(-1);
    const entries = await pending;
    expect(backend.reads).toBe(2);
    expect(Array.from(entries.w.data)).toEqual([1, 2, 3]);
    expect(entries.b.dtype).toBe('float64');
    expect(Array.from(entries.b.data)).toEqual([0.5]);
  });

  it('keeps names like __proto__ and constructor, and refuses values that are not tensors', async () => {
    const state: Record<string, unknown> = Object.create(null);
    state['__proto__'] = tensor([1]);
    state['constructor'] = tensor([2]);
    const entries = await snapshotTensors(state as never, 'test');
    expect(Object.keys(entries)).toEqual(['__proto__', 'constructor']);
    expect(Array.from(entries['__proto__'].data)).toEqual([1]);
    expect(() => snapshotTensors({ w: [1, 2] } as never, 'saveSafetensors')).toThrow(
      'saveSafetensors: "w" must be a Tensor, got object',
    );
  });
});
