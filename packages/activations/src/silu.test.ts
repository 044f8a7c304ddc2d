import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { sigmoid } from './sigmoid';
import { silu } from './silu';
import { tanh } from './tanh';

describe('silu, sigmoid, tanh', () => {
  it('silu is x * sigmoid(x)', () => {
    const out = silu(tensor([-1, 0, 1])).dataSync();
    expect(out[0]).toBeCloseTo(-1 / (1 + Math.E), 6);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  });

  it('are finite at ±1e4', () => {
    const big = tensor([-1e4, 1e4]);
    for (const f of [silu, sigmoid, tanh]) {
      expect(Array.from(f(big).dataSync()).every(Number.isFinite)).toBe(true);
    }
  });

  it('sigmoid and tanh promote integers to float32, like PyTorch', () => {
    expect(sigmoid(tensor([0], { dtype: 'int32' })).dtype).toBe('float32');
    expect(tanh(tensor([0], { dtype: 'int32' })).dtype).toBe('float32');
  });

  it('reject bad input', () => {
    expect(() => silu({} as never)).toThrow(/silu: expected input to be a Tensor, got object/);
    expect(() => silu(tensor([1], { dtype: 'int32' }))).toThrow(/silu: .*floating point/);
    expect(() => sigmoid(undefined as never)).toThrow(/sigmoid: expected input to be a Tensor/);
    expect(() => tanh(1 as never)).toThrow(/tanh: expected input to be a Tensor/);
  });
});
