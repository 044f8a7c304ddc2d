import { describe, expect, it } from 'vitest';
import { arange, eye, full, linspace, ones, tensor, zeros, zerosLike } from './index';

describe('tensor()', () => {
  it('builds from nested arrays, numbers, booleans and typed arrays', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.strides).toEqual([3, 1]);
    expect(x.dtype).toBe('float32');
    expect(x.device).toBe('cpu');
    expect(x.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(2.5).shape).toEqual([]);
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float64Array([0.1])).item()).toBe(0.1);
    expect(tensor([1.7, -1.7], { dtype: 'int32' }).toArray()).toEqual([1, -1]);
    expect(tensor([]).shape).toEqual([0]);
  });

  it('rejects ragged nested arrays with the position', () => {
    expect(() =>
      tensor([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(
      'tensor: ragged nested array: expected a sequence of length 3 at index [1], got length 2; every row must have the same length',
    );
    expect(() => tensor([[1, 2], 3] as never)).toThrow(
      /expected a sequence of length 2 at index \[1\], got number/,
    );
    expect(() => tensor([1, [2]] as never)).toThrow(/got an array \(the data is ragged\)/);
  });

  it('reads values back in every form', async () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(await x.data())).toEqual([1, 2, 3, 4]);
    expect(Array.from(x.T.dataSync())).toEqual([1, 3, 2, 4]);
    expect(x.numel()).toBe(4);
    expect(x.size()).toEqual([2, 2]);
    expect(x.size(-1)).toBe(2);
    expect(() => x.item()).toThrow(
      'item: a Tensor with 4 elements cannot be converted to a number',
    );
  });
});

describe('factories', () => {
  it('zeros, ones, full, *Like', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(zeros(2, 3).shape).toEqual([2, 3]);
    expect(ones([3], { dtype: 'int32' }).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    const like = zerosLike(tensor([[1, 2]], { dtype: 'float64' }));
    expect(like.dtype).toBe('float64');
    expect(like.shape).toEqual([1, 2]);
    expect(() => zeros([2, -1])).toThrow(
      'zeros: every size must be a non-negative integer, got shape [2,-1]',
    );
  });

  it('arange, linspace, eye', () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(() => arange(0, 5, -1)).toThrow(/inconsistent with step sign/);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
});

describe('moving between backends', () => {
  it('to(backend) copies to another backend; mixing backends names the fix', async () => {
    const { cpuBackend } = await import('./index');
    const other = { ...cpuBackend, name: 'other' };
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const y = x.T.to(other);
    expect(y.device).toBe('other');
    expect(y.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(x.to(other).requiresGrad).toBe(true);
    expect(x.to(cpuBackend)).toBe(x);
    expect(() => x.add(y)).toThrow(
      /expected both tensors on the same device, got cpu and other; move one with \.to\(backend\)/,
    );
  });
});
