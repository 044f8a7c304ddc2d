import { describe, expect, it } from 'vitest';
import { gemm } from './gemm';

type FloatArray = Float32Array | Float64Array;
type FloatArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;

/** A strided m×n matrix inside a larger buffer, as gemm sees its operands. */
interface Operand {
  data: FloatArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

// A small LCG keeps the inputs reproducible without depending on the package's generator.
function uniforms(count: number, seed: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(s / 2 ** 32 - 0.5);
  }
  return out;
}

type Layout = 'row' | 'transposed' | 'padded';

/**
 * Lays out a rows×cols matrix in a fresh buffer: row-major, transposed (column-major, as a
 * `.mT` view sees it), or with a padded row pitch, a column step of 2 and a leading offset.
 */
function operand(
  ctor: FloatArrayCtor,
  rows: number,
  cols: number,
  layout: Layout,
  seed: number,
): Operand {
  const values = uniforms(rows * cols, seed);
  if (layout === 'row') {
    return { data: ctor.from(values), offset: 0, rowStride: cols, colStride: 1 };
  }
  if (layout === 'transposed') {
    const data = new ctor(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) data[j * rows + i] = values[i * cols + j];
    return { data, offset: 0, rowStride: 1, colStride: rows };
  }
  const offset = 5;
  const rowStride = 2 * cols + 3;
  const data = new ctor(offset + rows * rowStride).fill(1e30); // gaps must never be read
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[offset + i * rowStride + 2 * j] = values[i * cols + j];
  }
  return { data, offset, rowStride, colStride: 2 };
}

function at(x: Operand, i: number, j: number): number {
  return x.data[x.offset + i * x.rowStride + j * x.colStride];
}

/** Naive float64 product, plus Σ|a·b| per entry to scale the float32 tolerance. */
function reference(m: number, n: number, k: number, a: Operand, b: Operand) {
  const value = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        const prod = at(a, i, p) * at(b, p, j);
        s += prod;
        t += Math.abs(prod);
      }
      value[i * n + j] = s;
      magnitude[i * n + j] = t;
    }
  }
  return { value, magnitude };
}

/** Runs gemm into the middle of a sentinel-filled buffer and checks result and untouched edges. */
function check(
  ctor: FloatArrayCtor,
  [m, n, k]: readonly [number, number, number],
  aLayout: Layout,
  bLayout: Layout,
): void {
  const a = operand(ctor, m, k, aLayout, 1 + m * 7 + k);
  const b = operand(ctor, k, n, bLayout, 2 + n * 11 + k);
  const cOffset = 3;
  const c = new ctor(cOffset + m * n + 4).fill(NaN);
  gemm(
    m,
    n,
    k,
    a.data,
    a.offset,
    a.rowStride,
    a.colStride,
    b.data,
    b.offset,
    b.rowStride,
    b.colStride,
    c,
    cOffset,
  );
  const { value, magnitude } = reference(m, n, k, a, b);
  const tol = ctor === Float32Array ? 1e-5 : 1e-13;
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const scale = Math.max(Math.abs(value[i]), magnitude[i], Number.MIN_VALUE);
    const err = Math.abs(c[cOffset + i] - value[i]) / scale;
    if (!(err <= worst)) worst = err; // also catches NaN
  }
  expect(worst).toBeLessThanOrEqual(tol);
  for (let i = 0; i < cOffset; i++) expect(c[i]).toBeNaN();
  for (let i = cOffset + m * n; i < c.length; i++) expect(c[i]).toBeNaN();
}

const shapes: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [2, 2, 2],
  [3, 5, 7],
  [4, 4, 4], // right at the dot-product threshold
  [6, 6, 6],
  [17, 33, 65],
  [64, 64, 64],
  [130, 70, 300], // m > MC and k > KC: several A blocks, C accumulated across K blocks
  [1, 300, 257], // a single row through the packed path
  [300, 1, 40], // matrix·vector
  [5, 1030, 9], // n > NC: several B panels
  [2, 3, 600],
];

const layouts: readonly (readonly [Layout, Layout])[] = [
  ['row', 'row'],
  ['row', 'transposed'], // A·Bᵀ
  ['transposed', 'row'], // Aᵀ·B
  ['transposed', 'transposed'],
  ['padded', 'padded'],
];

describe('gemm', () => {
  for (const ctor of [Float32Array, Float64Array]) {
    describe(ctor.name, () => {
      for (const [aLayout, bLayout] of layouts) {
        it(`matches the float64 reference with A ${aLayout}, B ${bLayout}`, () => {
          for (const shape of shapes) check(ctor, shape, aLayout, bLayout);
        });
      }

      it('writes zeros when k = 0', () => {
        const c = new ctor(2 + 3 * 4).fill(7);
        gemm(3, 4, 0, new ctor(0), 0, 0, 1, new ctor(0), 0, 4, 1, c, 2);
        expect(Array.from(c)).toEqual([7, 7, ...new Array<number>(12).fill(0)]);
      });
    });
  }

  it('does nothing when m or n is 0', () => {
    const c = new Float32Array([9]);
    gemm(0, 4, 3, new Float32Array(0), 0, 3, 1, new Float32Array(12), 0, 4, 1, c, 0);
    gemm(4, 0, 3, new Float32Array(12), 0, 3, 1, new Float32Array(0), 0, 0, 1, c, 0);
    expect(c[0]).toBe(9);
  });

  it('keeps float64 precision that float32 would lose', () => {
    // 1 + 1e-12 is not representable in float32, so a float32 scratch would round it away.
    const n = 40;
    const a = new Float64Array(n * n).fill(1 + 1e-12);
    const b = new Float64Array(n * n).fill(1);
    const c = new Float64Array(n * n);
    gemm(n, n, n, a, 0, n, 1, b, 0, n, 1, c, 0);
    // Rounded to float32 the sums would be exactly 40, off by 4e-11.
    for (const i of [0, n * n - 1]) expect(Math.abs(c[i] - n * (1 + 1e-12))).toBeLessThan(1e-13);
  });

  it('mixes element types: float32 A, float64 B, float64 C', () => {
    const m = 9;
    const a = operand(Float32Array, m, m, 'row', 3);
    const b = operand(Float64Array, m, m, 'transposed', 4);
    const c = new Float64Array(m * m);
    gemm(m, m, m, a.data, 0, a.rowStride, a.colStride, b.data, 0, b.rowStride, b.colStride, c, 0);
    const { value } = reference(m, m, m, a, b);
    for (let i = 0; i < m * m; i++) expect(c[i]).toBeCloseTo(value[i], 13);
  });

  it('keeps a NaN or Infinity in its own row and column (padding never leaks)', () => {
    const m = 7;
    const n = 9;
    const k = 11;
    const a = new Float32Array(m * k).fill(1);
    const b = new Float32Array(k * n).fill(1);
    a[6 * k + 2] = NaN; // last row: in a zero-padded edge micro-panel
    b[3 * n + 8] = Infinity; // last column: in a zero-padded edge micro-panel
    const c = new Float32Array(m * n);
    gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const expected = i === 6 ? NaN : j === 8 ? Infinity : k;
        expect(c[i * n + j]).toBe(expected);
      }
    }
  });
});
