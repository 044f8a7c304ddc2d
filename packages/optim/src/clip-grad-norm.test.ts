import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { clipByGlobalNorm, clipGradNorm } from './index';

type Encoded = number | 'inf' | '-inf' | 'nan';
interface ClipCase {
  name: string;
  dtype: 'float32' | 'float64';
  maxNorm: number;
  normType: Encoded;
  grads: Encoded[][];
  norm: Encoded;
  clipped: Encoded[][];
  error: string | null;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/clip-fixtures.json', import.meta.url), 'utf8'),
) as { torch: string; cases: ClipCase[] };

const decode = (v: Encoded): number =>
  v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : v;

/**
 * Same NaN and inf positions; finite values bit for bit, except after a 3-norm's pow (1e-6
 * relative), whose rounding differs from PyTorch's.
 */
function expectSame(actual: number, expected: number, tolerance = 0): void {
  if (!Number.isFinite(expected)) expect(actual).toBe(expected);
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}
const toleranceOf = (c: ClipCase) => (c.normType === 3 ? 1e-6 : 0);

function paramsFor(c: ClipCase): Tensor[] {
  const shapes = [[2, 2], [2]];
  return c.grads.map((g, i) => {
    const p = tensor([0, 0, 0, 0].slice(0, g.length), { dtype: c.dtype })
      .reshape(shapes[i])
      .requiresGrad_(true);
    p.grad = tensor(g.map(decode), { dtype: c.dtype }).reshape(shapes[i]);
    return p;
  });
}

describe(`clipGradNorm follows torch.nn.utils.clip_grad_norm_ ${fixture.torch}`, () => {
  for (const c of fixture.cases) {
    it(`${c.name} (${c.dtype}, order ${c.normType})`, () => {
      const params = paramsFor(c);
      const norm = clipGradNorm(params, c.maxNorm, decode(c.normType));
      expectSame(norm, decode(c.norm), toleranceOf(c));
      params.forEach((p, i) => {
        const got = Array.from(p.grad!.dataSync());
        c.clipped[i].forEach((v, j) => expectSame(got[j], decode(v), toleranceOf(c)));
      });
    });

    it(`${c.name}: errorIfNonfinite ${c.error === null ? 'lets it through' : 'throws'}`, () => {
      const params = paramsFor(c);
      const before = params.map((p) => Array.from(p.grad!.dataSync()));
      const call = () =>
        clipGradNorm(params, c.maxNorm, { normType: decode(c.normType), errorIfNonfinite: true });
      if (c.error === null) {
        expectSame(call(), decode(c.norm), toleranceOf(c));
        return;
      }
      const message = c.error.replace('error_if_nonfinite=False', 'errorIfNonfinite=false');
      expect(call).toThrow(`clipGradNorm: ${message}`);
      // Refused: the gradients are left as they were.
      params.forEach((p, i) => expect(Array.from(p.grad!.dataSync())).toEqual(before[i]));
    });
  }

  it('takes the options as a fourth argument after normType, and checks them', () => {
    const [w, b] = paramsFor(fixture.cases.find((c) => c.name === 'an inf gradient')!);
    expect(() => clipGradNorm([w, b], 1, 2, { errorIfNonfinite: true })).toThrow(
      /The total norm of order 2\.0 for gradients from `parameters` is non-finite/,
    );
    expect(() => clipGradNorm([w], 1, { error_if_nonfinite: true } as never)).toThrow(
      "clipGradNorm: unknown option 'error_if_nonfinite'; did you mean 'errorIfNonfinite'?",
    );
    expect(() => clipGradNorm([w], 1, 2, { normType: 1 } as never)).toThrow(
      'clipGradNorm: normType is given twice (2 and 1)',
    );
    expect(() => clipGradNorm([w], 1, 0)).toThrow(
      'clipGradNorm: normType must be a number > 0 or ±Infinity, got 0',
    );
    expect(() => clipGradNorm([w], '1' as never)).toThrow(
      'clipGradNorm: maxNorm must be a number >= 0, got string 1',
    );
    expect(() => clipGradNorm([w], 1, { errorIfNonfinite: 'yes' } as never)).toThrow(
      'clipGradNorm: errorIfNonfinite must be a boolean, got string yes',
    );
  });

  it('returns 0 and changes nothing when no parameter has a gradient', () => {
    expect(clipGradNorm([tensor([1, 2]).requiresGrad_(true)], 1)).toBe(0);
  });

  it('clipByGlobalNorm scales by the same coefficient, NaN norms included', () => {
    const tx = clipByGlobalNorm(1);
    const nan = { a: tensor([NaN, 1]), b: tensor([2]) };
    const { updates, state } = tx.update(nan, tx.init(nan), nan);
    expect(state.norm).toBeNaN();
    expect(Array.from(updates.b.dataSync())).toEqual([NaN]);
    const big = { a: tensor([1e19, 1e19, 1e19]), b: tensor([1e19]) }; // norm overflows to inf
    expect(Array.from(tx.update(big, tx.init(big), big).updates.a.dataSync())).toEqual([0, 0, 0]);
  });
});
