import { describe, expect, it } from 'vitest';
import { geluCdfFloat } from '../gelu-cdf-float';
import { normalPdfFloat } from '../normal-pdf-float';
import { geluBackwardKernel, geluKernel } from './gelu-kernels';

// Both sides of each branch: the series' edge at |x| = √2, the tails, zero, specials.
const xs = [
  ...Array.from({ length: 4001 }, (_, i) => -10 + i / 200),
  Math.SQRT2,
  -Math.SQRT2,
  Math.fround(Math.SQRT2),
  -Math.fround(Math.SQRT2),
  1e-30,
  -0,
  Infinity,
  -Infinity,
  NaN,
];
const view = (buffer: Float32Array) =>
  ({ buffer, dtype: 'float32', shape: [buffer.length], strides: [1], offset: 0 }) as const;

describe('the float32 GELU kernels', () => {
  it('compute Φ and φ exactly as geluCdfFloat and normalPdfFloat do (the loops inline their centres)', () => {
    const x = Float32Array.from(xs);
    const g = Float32Array.from(xs, (_, i) => 1 + (i % 7) / 8);
    const fwd = geluKernel(view(x), 'none', 'float32');
    const bwd = geluBackwardKernel(view(g), view(x), 'none', 'float32');
    x.forEach((v, i) => {
      expect(Object.is(fwd[i], Math.fround(v * geluCdfFloat(v))), `gelu(${v})`).toBe(true);
      const want = Math.fround(g[i] * (geluCdfFloat(v) + v * normalPdfFloat(v)));
      expect(Object.is(bwd[i], want), `gelu'(${v})`).toBe(true);
    });
  });
});
