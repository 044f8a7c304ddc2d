import { tensor, zeros } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { enableGrad, isGradEnabled, noGrad } from './index';

describe('norm has PyTorch’s subgradient at zero', () => {
  // Expected values from torch 1.13: x.norm(p).backward() at zeros and at [0, 3, 4].
  const cases: Array<[number, number[], number[]]> = [
    [2, [0, 0, 0], [0, 0.6, 0.8]],
    [3, [0, 0, 0], [0, 0.4449, 0.7908]],
    [0.5, [0, 0, 0], [0, 2.1547, 1.866]],
    [1, [0, 0, 0], [0, 1, 1]],
    [Infinity, [0, 0, 0], [0, 0, 1]],
  ];
  for (const [p, atZero, atPoint] of cases) {
    it(`p = ${p}`, () => {
      const z = zeros([3], { requiresGrad: true });
      z.norm(p).backward();
      expect(z.grad!.toArray()).toEqual(atZero);
      const x = tensor([0, 3, 4], { requiresGrad: true });
      const n = x.norm(p);
      x.norm(p).backward();
      const got = x.grad!.toArray() as number[];
      got.forEach((g, i) => expect(g).toBeCloseTo(atPoint[i], 4));
      expect(n.item()).toBeCloseTo(tensor([0, 3, 4]).norm(p).item(), 6);
    });
  }

  it('norm over a dim with one all-zero row', () => {
    const x = tensor(
      [
        [0, 0],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    x.norm(2, 1).sum().backward();
    expect(x.grad!.toArray()).toEqual([
      [0, 0],
      [0.6000000238418579, 0.800000011920929],
    ]);
  });
});

describe('assigning .grad checks what PyTorch checks', () => {
  it('refuses another shape, dtype or a non-tensor', () => {
    const w = zeros([3], { requiresGrad: true });
    expect(() => (w.grad = zeros([2]))).toThrow(
      /assigned grad has data of a different size: \[2\]/,
    );
    expect(() => (w.grad = zeros([3], { dtype: 'float64' }))).toThrow(
      /assigned grad has data of a different type \(float64\)/,
    );
    expect(() => (w.grad = [0, 0, 0] as never)).toThrow(TypeError);
    expect(w.grad).toBeNull();
    w.grad = tensor([1, 2, 3]);
    expect(w.grad.toArray()).toEqual([1, 2, 3]);
    w.grad = null;
    expect(w.grad).toBeNull();
  });
});

describe('noGrad and enableGrad are synchronous', () => {
  it('refuse an async function before running it', () => {
    let ran = false;
    expect(() =>
      noGrad(async () => {
        ran = true;
      }),
    ).toThrow(/noGrad: fn is async/);
    expect(ran).toBe(false);
    expect(() => enableGrad(async () => 1)).toThrow(/enableGrad: fn is async/);
    expect(isGradEnabled()).toBe(true);
  });

  it('throw when fn returns a promise, with the mode restored', () => {
    expect(() => noGrad(() => Promise.resolve(1))).toThrow(/returned a Promise/);
    expect(isGradEnabled()).toBe(true);
  });
});
