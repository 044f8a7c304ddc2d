import { describe, expect, it } from 'vitest';
import { cpuBackend, ones, tensor, tril, triu, type Backend } from '../index';

const m3 = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);

describe('tril and triu', () => {
  it('keep the lower / upper triangle, shifted by diagonal', () => {
    expect(tril(m3()).toArray()).toEqual([
      [1, 0, 0],
      [4, 5, 0],
      [7, 8, 9],
    ]);
    expect(m3().triu(1).toArray()).toEqual([
      [0, 2, 3],
      [0, 0, 6],
      [0, 0, 0],
    ]);
    expect(m3().tril(-1).toArray()).toEqual([
      [0, 0, 0],
      [4, 0, 0],
      [7, 8, 0],
    ]);
    expect(m3().triu(-1).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [0, 8, 9],
    ]);
  });

  it('apply to every matrix of a batch and keep the dtype', () => {
    const causal = ones([2, 2, 3], { dtype: 'bool' }).tril();
    expect(causal.dtype).toBe('bool');
    expect(causal.toArray()).toEqual([
      [
        [true, false, false],
        [true, true, false],
      ],
      [
        [true, false, false],
        [true, true, false],
      ],
    ]);
    const ints = tensor([[5, 6]], { dtype: 'int32' }).triu();
    expect(ints.dtype).toBe('int32');
    expect(ints.toArray()).toEqual([[5, 6]]);
  });

  it('take diagonals far outside int32 and 0-d integer tensors', () => {
    expect(m3().tril(1e12).toArray()).toEqual(m3().toArray());
    expect(m3().tril(-1e12).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(
      m3()
        .triu(tensor(2, { dtype: 'int32' }))
        .toArray(),
    ).toEqual([
      [0, 0, 3],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('return a new tensor, not a view', () => {
    const x = m3();
    expect(tril(x).storage).not.toBe(x.storage);
  });

  it('work on a backend that cannot read synchronously (nothing is read back)', async () => {
    const asyncOnly: Backend = {
      ...(cpuBackend as Backend),
      name: 'async',
      readSync: undefined,
      read: (buffer) => Promise.resolve((buffer as Float32Array).slice()),
    };
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { backend: asyncOnly },
    );
    expect(Array.from(await tril(x).data())).toEqual([1, 0, 3, 4]);
  });

  it('refuse fewer than 2 dims and non-integer diagonals', () => {
    expect(() => tril(tensor([1, 2, 3]))).toThrow(
      /tril: input tensor must have at least 2 dimensions, got \[3\]; .*unsqueeze/,
    );
    expect(() => triu(tensor(1))).toThrow(/triu: input tensor must have at least 2 dimensions/);
    expect(() => tril(m3(), 1.5)).toThrow(/tril: expected diagonal to be an integer, got 1.5/);
    expect(() => tril([[1]] as never)).toThrow(/tril: expected input to be a Tensor, got an array/);
  });
});
