import { randn, tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { silu } from './silu';
import { swiglu } from './swiglu';

describe('swiglu', () => {
  it('swiglu(x) splits the last dim: silu(first half) * second half', () => {
    const x = tensor([
      [1, -2, 3, 4],
      [0.5, 1, -1, 2],
    ]);
    const expected = silu(
      tensor([
        [1, -2],
        [0.5, 1],
      ]),
    ).mul(
      tensor([
        [3, 4],
        [-1, 2],
      ]),
    );
    const out = swiglu(x);
    expect(out.shape).toEqual([2, 2]);
    expect(out.toArray()).toEqual(expected.toArray());
  });

  it('swiglu(x, dim) splits another dim', () => {
    const x = randn([3, 4, 5]);
    const out = swiglu(x, 1);
    expect(out.shape).toEqual([3, 2, 5]);
    const expected = silu(x.narrow(1, 0, 2)).mul(x.narrow(1, 2, 2));
    expect(out.toArray()).toEqual(expected.toArray());
  });

  it('swiglu(gate, up) is silu(gate) * up, with gradients to both', () => {
    const gate = tensor([[1, -2]], { requiresGrad: true });
    const up = tensor([[3, 4]], { requiresGrad: true });
    const out = swiglu(gate, up);
    expect(out.toArray()).toEqual(
      silu(tensor([[1, -2]]))
        .mul(tensor([[3, 4]]))
        .toArray(),
    );
    out.sum().backward();
    expect(gate.grad).not.toBeNull();
    expect(up.grad!.toArray()).toEqual(silu(tensor([[1, -2]])).toArray());
  });

  it('rejects bad input', () => {
    expect(() => swiglu(tensor([1, 2, 3]))).toThrow(
      /swiglu: dim -1 of input \[3\] has odd size 3; it must be even/,
    );
    expect(() => swiglu(tensor([[1, 2]]), 2)).toThrow(/swiglu: dimension out of range/);
    expect(() => swiglu(tensor(1))).toThrow(/swiglu: cannot split a 0-d tensor/);
    expect(() => swiglu(tensor([[1, 2]]), tensor([1, 2, 3]))).toThrow(
      /swiglu: shapes \[1,2\] and \[3\] cannot be broadcast together/,
    );
    expect(() => swiglu([1, 2] as never)).toThrow(/swiglu: expected input to be a Tensor/);
    expect(() => swiglu(tensor([1, 2]), '1' as never)).toThrow(
      /swiglu: expected the second argument to be a dim \(number\) or the up Tensor, got string/,
    );
    expect(() => swiglu(tensor([1, 2]), tensor([1], { dtype: 'int32' }))).toThrow(
      /swiglu: expected up of a floating point dtype, got int32/,
    );
  });
});
