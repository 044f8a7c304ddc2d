import { arange, tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { TensorDataset } from './tensor-dataset';

describe('TensorDataset', () => {
  const x = arange(0, 20).reshape([10, 2]);
  const y = arange(0, 10).int();

  it('indexes rows of every tensor', () => {
    const data = new TensorDataset(x, y);
    expect(data.length).toBe(10);
    const [xi, yi] = data.get(3);
    expect(xi.toArray()).toEqual([6, 7]);
    expect(yi.item()).toBe(3);
  });

  it('cuts batches as views when consecutive and by gathering otherwise', () => {
    const data = new TensorDataset(x, y);
    const [a, b] = data.batch([2, 3, 4]);
    expect(a.toArray()).toEqual([
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    expect(b.toArray()).toEqual([2, 3, 4]);
    expect(a.storage).toBe(x.storage);
    const [c, d] = data.batch(Int32Array.from([9, 0]));
    expect(c.toArray()).toEqual([
      [18, 19],
      [0, 1],
    ]);
    expect(d.toArray()).toEqual([9, 0]);
  });

  it('checks that every tensor has the same number of rows', () => {
    expect(
      () => new TensorDataset(tensor(new Float32Array(1000)), tensor(new Float32Array(999))),
    ).toThrow(
      'TensorDataset: size mismatch between tensors: tensor 1 has 999 rows, tensor 0 has 1000',
    );
    expect(() => new TensorDataset(x, tensor(1))).toThrow(/tensor 1 is 0-d/);
    expect(() => new TensorDataset()).toThrow(/at least one tensor/);
    expect(() => new TensorDataset(x).get(10)).toThrow(
      'TensorDataset: index 10 is out of range for a dataset of 10 rows',
    );
  });
});
