/** Float arrays gemm reads and writes. */
type FloatArray = Float32Array | Float64Array;

// Blocking sizes, chosen by measurement on V8 (Node 20, 2-core AMD EPYC). The micro-tile is
// MR×NR = 3×4: its 12 accumulators plus 7 loaded values nearly fit V8's 15 usable XMM registers,
// and it measured ~10% faster than 4×4, 4×8, 6×8 or 2×6, which spill more or load more per flop.
// Scalar JS is bound by instruction count, not by memory, so MC, KC and NC matter little (±5%);
// they only keep the packed A block (MC×KC) in L2 and a B micro-panel (KC×NR) in L1.
const MR = 3;
const NR = 4;
const MC = 126; // a multiple of MR
const KC = 256;
const NC = 1024; // a multiple of NR

// Below this many multiply-adds, packing costs more than it saves (measured: packing already wins
// at 6×6×6), so plain dot products are used.
const SMALL_WORK = 64;

// Packing scratch, allocated once and grown on demand. It holds the B panel (KC×NC) followed by
// the A block (MC×KC), so the micro-kernel reads a single array, which saves V8 a map check and a
// base-pointer reload per loop iteration. It is float64 for every input: float32 values pack
// exactly, gradcheck's float64 keeps full precision, and the micro-kernel's loads stay
// monomorphic. (A float32 scratch for float32 inputs measured no faster, and once a process had
// also run float64 matmuls, the then-polymorphic micro-kernel lost a third of its speed.)
let scratch = new Float64Array(0);

// Where the micro-kernel parks its accumulators when a tile hangs over the edge of C.
const edgeTile = new Float64Array(MR * NR);

/**
 * C[m×n] = A[m×k] · B[k×n], written contiguously into c starting at cOffset (row stride n).
 *
 * Element (i, p) of A is `a[aOffset + i * aRowStride + p * aColStride]`, and likewise for B, so
 * transposed views (A·Bᵀ, Aᵀ·B) need no copy: packing absorbs the strides. A cache-blocked
 * kernel in the GotoBLAS/BLIS style: B is packed into KC×NR micro-panels and A into MR×KC
 * micro-panels, and a 3×4 register-tiled micro-kernel runs over them with sums in doubles.
 *
 * @example
 * ```ts
 * const a = new Float32Array([1, 2, 3, 4]); // [[1, 2], [3, 4]]
 * const c = new Float32Array(4);
 * gemm(2, 2, 2, a, 0, 2, 1, a, 0, 1, 2, c, 0); // A·Aᵀ: B's strides swapped
 * c; // Float32Array [5, 11, 11, 25]
 * ```
 */
// Parameters are grouped per matrix, as in BLAS; one per line would bury that.
// prettier-ignore
export function gemm(
  m: number, n: number, k: number,
  a: FloatArray, aOffset: number, aRowStride: number, aColStride: number,
  b: FloatArray, bOffset: number, bRowStride: number, bColStride: number,
  c: FloatArray, cOffset: number,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    c.fill(0, cOffset, cOffset + m * n);
    return;
  }
  // A single output column (matrix·vector) would waste 3 of 4 micro-tile columns; dot products
  // along A's rows measured twice as fast there. A single row (m = 1) still favours packing.
  if (n === 1 || m * n * k <= SMALL_WORK) {
    gemmDot(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset);
    return;
  }
  const kcMax = Math.min(KC, k);
  const bSize = kcMax * roundUp(Math.min(NC, n), NR);
  const size = bSize + kcMax * roundUp(Math.min(MC, m), MR);
  if (scratch.length < size) scratch = new Float64Array(size);
  const w = scratch;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(kc, nc, b, bOffset + pc * bRowStride + jc * bColStride, bRowStride, bColStride, w);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(mc, kc, a, aOffset + ic * aRowStride + pc * aColStride, aRowStride, aColStride, w, bSize);
        // Each B micro-panel stays in L1 while every A micro-panel of the block streams past it.
        for (let j = 0; j < nc; j += NR) {
          const nr = Math.min(NR, nc - j);
          const cCol = cOffset + jc + j;
          for (let i = 0; i < mc; i += MR) {
            const mr = Math.min(MR, mc - i);
            microKernel(kc, w, bSize + i * kc, j * kc, c, cCol + (ic + i) * n, n, mr, nr, pc > 0);
          }
        }
      }
    }
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/** Plain strided dot products, for problems too small to repay packing and for n = 1. */
function gemmDot(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOffset: number,
  ars: number,
  acs: number,
  b: FloatArray,
  bOffset: number,
  brs: number,
  bcs: number,
  c: FloatArray,
  cOffset: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let ai = aOffset + i * ars;
      let bi = bOffset + j * bcs;
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += a[ai] * b[bi];
        ai += acs;
        bi += brs;
      }
      c[cOffset + i * n + j] = sum;
    }
  }
}

/**
 * Packs the kc×nc panel of B at `off` into w[0…] as NR-wide micro-panels, each kc rows of NR
 * contiguous values, so the micro-kernel reads B sequentially. Missing columns are zero-padded.
 */
function packB(
  kc: number,
  nc: number,
  b: FloatArray,
  off: number,
  rs: number,
  cs: number,
  w: Float64Array,
): void {
  let q = 0;
  for (let j = 0; j < nc; j += NR) {
    const nr = Math.min(NR, nc - j);
    let src = off + j * cs;
    if (nr === NR) {
      for (let p = 0; p < kc; p++) {
        w[q] = b[src];
        w[q + 1] = b[src + cs];
        w[q + 2] = b[src + 2 * cs];
        w[q + 3] = b[src + 3 * cs];
        src += rs;
        q += NR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < NR; t++) w[q + t] = t < nr ? b[src + t * cs] : 0;
        src += rs;
        q += NR;
      }
    }
  }
}

/**
 * Packs the mc×kc block of A at `off` into w[base…] as MR-tall micro-panels, each kc columns of
 * MR contiguous values. Missing rows are zero-padded, so the micro-kernel never branches on them.
 */
function packA(
  mc: number,
  kc: number,
  a: FloatArray,
  off: number,
  rs: number,
  cs: number,
  w: Float64Array,
  base: number,
): void {
  let q = base;
  for (let i = 0; i < mc; i += MR) {
    const mr = Math.min(MR, mc - i);
    let src = off + i * rs;
    if (mr === MR) {
      for (let p = 0; p < kc; p++) {
        w[q] = a[src];
        w[q + 1] = a[src + rs];
        w[q + 2] = a[src + 2 * rs];
        src += cs;
        q += MR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < MR; t++) w[q + t] = t < mr ? a[src + t * rs] : 0;
        src += cs;
        q += MR;
      }
    }
  }
}

/**
 * The 3×4 register tile: C[mr×nr] (+)= Apanel · Bpanel over kc steps, reading the A micro-panel
 * at w[ai…] and the B micro-panel at w[bi…]. The twelve sums live in locals (registers), and the
 * k loop is innermost over packed data. `accumulate` adds to C (every KC block after the first).
 */
// The 3×4 grid layout shows the tile; one statement per line would hide it.
// prettier-ignore
function microKernel(
  kc: number, w: Float64Array, ai: number, bi: number,
  c: FloatArray, ci: number, ldc: number, mr: number, nr: number, accumulate: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = w[ai], a1 = w[ai + 1], a2 = w[ai + 2];
    const b0 = w[bi], b1 = w[bi + 1], b2 = w[bi + 2], b3 = w[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    ai += MR;
    bi += NR;
  }
  if (mr === MR && nr === NR) {
    const r1 = ci + ldc;
    const r2 = r1 + ldc;
    if (accumulate) {
      c[ci] += c00; c[ci + 1] += c01; c[ci + 2] += c02; c[ci + 3] += c03;
      c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
      c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
    } else {
      c[ci] = c00; c[ci + 1] = c01; c[ci + 2] = c02; c[ci + 3] = c03;
      c[r1] = c10; c[r1 + 1] = c11; c[r1 + 2] = c12; c[r1 + 3] = c13;
      c[r2] = c20; c[r2 + 1] = c21; c[r2 + 2] = c22; c[r2 + 3] = c23;
    }
    return;
  }
  // Edge tile: only the mr×nr corner that lies inside C is stored.
  const t = edgeTile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  for (let i = 0; i < mr; i++) {
    const row = ci + i * ldc;
    for (let j = 0; j < nr; j++) {
      c[row + j] = accumulate ? c[row + j] + t[i * NR + j] : t[i * NR + j];
    }
  }
}
