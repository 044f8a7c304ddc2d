import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Backend } from './backend';
import { cpuBackend } from './cpu/cpu-backend';
import { tensor } from './creation/tensor';
import type { DType } from './dtype';
import { formatTensor } from './format-tensor';

/**
 * One tensor printed by PyTorch 1.13 (see fixtures/gen-format-fixtures.py). Values are explicit:
 * a list (non-finite ones as strings), or a `range` recipe whose element i is
 * `(start + i * step) / div` in float64, rounded to the dtype.
 */
interface FormatFixture {
  name: string;
  dtype: DType;
  shape: number[];
  values?: (number | string)[];
  range?: { start: number; step: number; div: number };
  requiresGrad: boolean;
  gradFn: string | null;
  expected: string;
}

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/format-fixtures.json', import.meta.url), 'utf8'),
) as { torch: string; cases: FormatFixture[] };

const decode = (v: number | string): number =>
  typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity;

function valuesOf(c: FormatFixture): number[] {
  if (c.values !== undefined) return c.values.map(decode);
  const { start, step, div } = c.range!;
  const n = c.shape.reduce((a, b) => a * b, 1);
  // The same float64 operations, in the same order, as the generator's torch.arange recipe.
  return Array.from({ length: n }, (_, i) => (i * step + start) / div);
}

/**
 * PyTorch prints `dtype=torch.int32`; torchlet has no `torch.` namespace and prints `dtype=int32`.
 * (None of the fixtures sits where the 6 shorter characters would change a line break.)
 */
const asTorchlet = (s: string): string => s.replace(/dtype=torch\./g, 'dtype=');

describe(`formatTensor matches PyTorch ${fixtures.torch}`, () => {
  it('has fixtures', () => {
    expect(fixtures.cases.length).toBeGreaterThan(50);
  });
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const t = tensor(valuesOf(c), { dtype: c.dtype }).reshape(c.shape);
      if (c.requiresGrad) t.requiresGrad = true;
      // The gradient engine lives in @torchlet/autograd; its nodes print as `<Name>`.
      if (c.gradFn !== null) t.gradFn = { toString: () => `<${c.gradFn}>` };
      expect(formatTensor(t)).toBe(asTorchlet(c.expected));
    });
  }
});

describe('formatTensor beyond the fixtures', () => {
  it('is what Tensor.toString() returns', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(String(t)).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(`${tensor([1.5, 2.25])}`).toBe('tensor([1.5000, 2.2500])');
  });

  it('prints strided views by their logical order', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(formatTensor(t.T)).toBe('tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])');
    expect(formatTensor(t.slice(1, 0, 3, 2))).toBe('tensor([[1., 3.],\n        [4., 6.]])');
    expect(formatTensor(t.select(0, 1))).toBe('tensor([4., 5., 6.])');
  });

  it('names a non-cpu device first, as PyTorch does for cuda', () => {
    const webgl: Backend = { ...(cpuBackend as Backend), name: 'webgl' };
    expect(formatTensor(tensor([1, 2], { backend: webgl }))).toBe(
      "tensor([1., 2.], device='webgl')",
    );
    const x = tensor([1, 2], { backend: webgl, dtype: 'int32' });
    expect(formatTensor(x)).toBe("tensor([1, 2], device='webgl', dtype=int32)");
    const g = tensor([0.5], { backend: webgl, requiresGrad: true });
    expect(formatTensor(g)).toBe("tensor([0.5000], device='webgl', requires_grad=True)");
  });

  it('prints an unreadable (async-only) backend like a PyTorch meta tensor', () => {
    const asyncOnly: Backend = { ...(cpuBackend as Backend), name: 'webgpu', readSync: undefined };
    const t = tensor([[1, 2, 3]], { backend: asyncOnly });
    expect(formatTensor(t)).toBe("tensor(..., device='webgpu', size=(1, 3))");
    const i = tensor([1], { backend: asyncOnly, dtype: 'int32' });
    expect(formatTensor(i)).toBe("tensor(..., device='webgpu', size=(1,), dtype=int32)");
  });
});
