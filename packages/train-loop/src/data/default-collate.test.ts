import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { defaultCollate } from './default-collate';

describe('defaultCollate', () => {
  it('stacks tensors and batches numbers per field', () => {
    const [x, y, w, flag] = defaultCollate([
      [tensor([1, 2]), 0, 0.5, true],
      [tensor([3, 4]), 2, 1, false],
    ]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(y.dtype).toBe('int32');
    expect(y.toArray()).toEqual([0, 2]);
    expect(w.dtype).toBe('float32');
    expect(flag.toArray()).toEqual([true, false]);
  });

  it('batches bare samples into one tensor', () => {
    const [x] = defaultCollate([tensor([1]), tensor([2])]);
    expect(x.toArray()).toEqual([[1], [2]]);
  });

  it('says what cannot be batched', () => {
    expect(() => defaultCollate([['a'], ['b']])).toThrow(/cannot batch field 0 of type string/);
    expect(() => defaultCollate([[tensor(1), 1], [tensor(2)]])).toThrow(
      /sample 1 is not an array of 2/,
    );
    expect(() => defaultCollate([[tensor(1)], [3]])).toThrow(/field 0 of sample 1 is not a Tensor/);
  });
});
