// The float32 gemm of torchlet's CPU backend, in AssemblyScript compiled to WebAssembly SIMD128.
// Built by scripts/build-wasm.mjs into src/cpu/wasm/gemm-wasm-bytes.ts (committed), so that
// installing and testing the package compiles nothing.
//
// No runtime and no allocation: the caller (src/cpu/wasm/*.ts) lays out the imported memory and
// passes byte addresses. Strides are in elements. Loops follow GotoBLAS/BLIS: B is packed into
// KC×NR micro-panels (kept in L1 while A streams past), A into MR×KC micro-panels (the MC×KC block
// stays in L2), and a register-blocked MR×NR micro-kernel runs over the packed data.

// The micro-tile: 2 rows × 16 columns = 8 f32x4 accumulators, plus 4 B vectors, 1 broadcast A value
// and 1 product: 14 of the 15 XMM registers V8 allocates (xmm15 is its scratch). Wasm SIMD has no
// FMA, so each k step is 8 f32x4.mul and 8 f32x4.add: 4 cycles on 2 mul + 2 add pipes, which
// measured ~51 GFLOP/s, the machine's peak, on one core. Taller tiles (6×8, 5×8, 4×8, 3×12,
// 3×16, 2×20) spill accumulators to the stack in V8's code and measured 20–42 GFLOP/s; unrolling
// the k loop also spilled (−40%).
const MR: i32 = 2;
const NR: i32 = 16;
// Cache blocking: a KC×NR B micro-panel (16 KiB) stays in L1 while the MC×KC A block (128 KiB)
// streams from L2; the KC×NC B panel (1 MiB) sits in L2/L3. Measured within ±3% for KC 128–512.
const KC: i32 = 256;
const MC: i32 = 128; // a multiple of MR
const NC: i32 = 1024; // a multiple of NR

const B_PANEL_BYTES: usize = <usize>(KC * NC * 4);
const A_BLOCK_BYTES: usize = <usize>(MC * KC * 4);
const TILE_BYTES: usize = <usize>(MR * NR * 4);

/** Bytes of packing scratch that one thread's calls to `gemm` need (16-byte aligned). */
export function scratchBytes(): i32 {
  return <i32>(B_PANEL_BYTES + A_BLOCK_BYTES + TILE_BYTES);
}

/**
 * C[m×n] = A[m×k] · B[k×n], with element (i, p) of A at byte `a + 4 * (i * ars + p * acs)`, and
 * likewise for B; C is written at `c` with row stride `ldc` elements. `work` is `scratchBytes()`
 * of 16-byte-aligned scratch that no other thread uses. Requires m, n, k > 0.
 */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  const bp = work;
  const ap = work + B_PANEL_BYTES;
  const tile = ap + A_BLOCK_BYTES;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(kc, nc, b + ((<usize>pc * brs + <usize>jc * bcs) << 2), brs, bcs, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(mc, kc, a + ((<usize>ic * ars + <usize>pc * acs) << 2), ars, acs, ap);
        // Each B micro-panel stays in L1 while every A micro-panel of the block streams past it.
        for (let j = 0; j < nc; j += NR) {
          const nr = min(NR, nc - j);
          const pb = bp + <usize>(j * kc * 4);
          for (let i = 0; i < mc; i += MR) {
            const mr = min(MR, mc - i);
            const cp = c + ((<usize>(ic + i) * ldc + <usize>(jc + j)) << 2);
            const pa = ap + <usize>(i * kc * 4);
            if (mr == MR && nr == NR) {
              microKernel(kc, pa, pb, cp, ldc, pc > 0);
            } else {
              // Edge tile: compute the whole padded tile into scratch, store the part inside C.
              microKernel(kc, pa, pb, tile, NR, false);
              storeEdge(tile, cp, ldc, mr, nr, pc > 0);
            }
          }
        }
      }
    }
  }
}

/**
 * Runs one gemm described by 11 consecutive i32 at `task` (m, n, k, a, ars, acs, b, brs, bcs, c,
 * ldc), so threads can share a table of tasks.
 */
export function gemmTask(task: usize, work: usize): void {
  gemm(
    load<i32>(task),
    load<i32>(task, 4),
    load<i32>(task, 8),
    load<u32>(task, 12),
    load<i32>(task, 16),
    load<i32>(task, 20),
    load<u32>(task, 24),
    load<i32>(task, 28),
    load<i32>(task, 32),
    load<u32>(task, 36),
    load<i32>(task, 40),
    work,
  );
}

/**
 * The 2×16 register tile: C[2×16] (+)= Apanel · Bpanel over kc steps. Exported so that Binaryen
 * keeps it a function of its own: V8 then tiers it up to optimized code after a few hundred
 * calls, even during the first long gemm (a function already running is not replaced).
 */
export function microKernel(
  kc: i32,
  pa: usize,
  pb: usize,
  c: usize,
  ldc: i32,
  accumulate: bool,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c02 = f32x4.splat(0);
  let c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c12 = f32x4.splat(0);
  let c13 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const b2 = v128.load(pb, 32);
    const b3 = v128.load(pb, 48);
    let x = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    c02 = f32x4.add(c02, f32x4.mul(x, b2));
    c03 = f32x4.add(c03, f32x4.mul(x, b3));
    x = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    c12 = f32x4.add(c12, f32x4.mul(x, b2));
    c13 = f32x4.add(c13, f32x4.mul(x, b3));
    pa += MR * 4;
    pb += NR * 4;
  }
  const c1 = c + ((<usize>ldc) << 2);
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c02 = f32x4.add(c02, v128.load(c, 32));
    c03 = f32x4.add(c03, v128.load(c, 48));
    c10 = f32x4.add(c10, v128.load(c1));
    c11 = f32x4.add(c11, v128.load(c1, 16));
    c12 = f32x4.add(c12, v128.load(c1, 32));
    c13 = f32x4.add(c13, v128.load(c1, 48));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c, c02, 32);
  v128.store(c, c03, 48);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c1, c12, 32);
  v128.store(c1, c13, 48);
}

/** Stores the mr×nr corner of a 2×16 tile (row stride NR) into C, or adds it. */
function storeEdge(tile: usize, c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool): void {
  for (let i = 0; i < mr; i++) {
    const src = tile + <usize>(i * NR * 4);
    const dst = c + ((<usize>i * ldc) << 2);
    for (let j = 0; j < nr; j++) {
      const o = (<usize>j) << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, accumulate ? load<f32>(dst + o) + v : v);
    }
  }
}

/**
 * Packs the kc×nc panel of B at `b` into `dst` as NR-wide micro-panels, each kc rows of NR
 * contiguous values. Missing columns are zero-padded, so the micro-kernel never branches on them.
 */
function packB(kc: i32, nc: i32, b: usize, rs: i32, cs: i32, dst: usize): void {
  const rsb = (<usize>rs) << 2;
  const csb = (<usize>cs) << 2;
  for (let j = 0; j < nc; j += NR) {
    const nr = min(NR, nc - j);
    let src = b + <usize>j * csb;
    if (nr == NR && cs == 1) {
      // Rows of B are contiguous (A·B): four vector copies per k step.
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        v128.store(dst, v128.load(src, 32), 32);
        v128.store(dst, v128.load(src, 48), 48);
        src += rsb;
        dst += NR * 4;
      }
    } else if (nr == NR) {
      // Strided columns (A·Bᵀ reads B's rows down a column): a scalar gather.
      for (let p = 0; p < kc; p++) {
        let s = src;
        for (let t = 0; t < NR; t++) {
          store<f32>(dst + ((<usize>t) << 2), load<f32>(s));
          s += csb;
        }
        src += rsb;
        dst += NR * 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < NR; t++) {
          store<f32>(dst + ((<usize>t) << 2), t < nr ? load<f32>(src + <usize>t * csb) : 0);
        }
        src += rsb;
        dst += NR * 4;
      }
    }
  }
}

/**
 * Packs the mc×kc block of A at `a` into `dst` as MR-tall micro-panels, each kc columns of MR
 * contiguous values. Missing rows are zero-padded.
 */
function packA(mc: i32, kc: i32, a: usize, rs: i32, cs: i32, dst: usize): void {
  const rsb = (<usize>rs) << 2;
  const csb = (<usize>cs) << 2;
  for (let i = 0; i < mc; i += MR) {
    const mr = min(MR, mc - i);
    let src = a + <usize>i * rsb;
    if (mr == MR && cs == 1) {
      // Rows of A are contiguous (A·B, A·Bᵀ): interleave 4 k steps of both rows with 2 shuffles.
      const src1 = src + rsb;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const r0 = v128.load(src);
        const r1 = v128.load(src1 + ((<usize>p) << 2));
        v128.store(dst, i32x4.shuffle(r0, r1, 0, 4, 1, 5));
        v128.store(dst, i32x4.shuffle(r0, r1, 2, 6, 3, 7), 16);
        src += 16;
        dst += 32;
      }
      for (; p < kc; p++) {
        store<f32>(dst, load<f32>(src));
        store<f32>(dst, load<f32>(src1 + ((<usize>p) << 2)), 4);
        src += 4;
        dst += 8;
      }
    } else if (mr == MR) {
      // Columns of A are contiguous (Aᵀ·B): a pair of scalars per k step.
      for (let p = 0; p < kc; p++) {
        store<f32>(dst, load<f32>(src));
        store<f32>(dst, load<f32>(src + rsb), 4);
        src += csb;
        dst += MR * 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < MR; t++) {
          store<f32>(dst + ((<usize>t) << 2), t < mr ? load<f32>(src + <usize>t * rsb) : 0);
        }
        src += csb;
        dst += MR * 4;
      }
    }
  }
}

// ---- The Adam/AdamW step ------------------------------------------------------------------------
// torch.optim's float32 operations, each rounded as PyTorch's kernels round it: f32 ops where it
// rounds every operation, f64 then one demotion where its vectorised `add_(x, alpha)` is a fused
// multiply-add (the product of two floats is exact in f64). Identical to the TypeScript loop in
// src/cpu/fused/adam-step-kernel.ts, which rounds doubles with Math.fround.

/** f32(a + s·b) per lane, with `s` an f64x2 splat: one rounding, as a fused multiply-add. */
function fusedAdd(a: v128, s: v128, b: v128): v128 {
  const lo = f64x2.add(f64x2.promote_low_f32x4(a), f64x2.mul(s, f64x2.promote_low_f32x4(b)));
  const ah = v128.shuffle<i32>(a, a, 2, 3, 0, 1);
  const bh = v128.shuffle<i32>(b, b, 2, 3, 0, 1);
  const hi = f64x2.add(f64x2.promote_low_f32x4(ah), f64x2.mul(s, f64x2.promote_low_f32x4(bh)));
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/**
 * One Adam step over `n` float32 elements in place: the parameter at `p` (decayed by `decay`,
 * AdamW; or its gradient at `g` gets `l2·p`, Adam), the moments at `m` and `v`. `stepSize` is
 * −lr / (1 − β₁ᵗ), `bc2Sqrt` is √(1 − β₂ᵗ), each already rounded to float32 by the caller.
 */
export function adamStep(
  n: i32,
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  decay: f32,
  l2: f32,
  b1: f32,
  oneMinusB1: f32,
  b2: f32,
  oneMinusB2: f32,
  bc2Sqrt: f32,
  stepSize: f32,
  eps: f32,
): void {
  const vDecay = f32x4.splat(decay);
  const vL2 = f64x2.splat(<f64>l2);
  const vB1 = f32x4.splat(b1);
  const vOneMinusB1 = f64x2.splat(<f64>oneMinusB1);
  const vB2 = f32x4.splat(b2);
  const vOneMinusB2 = f32x4.splat(oneMinusB2);
  const vBc2 = f32x4.splat(bc2Sqrt);
  const vStep = f32x4.splat(stepSize);
  const vEps = f32x4.splat(eps);
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>(i << 2);
    const pp = f32x4.mul(v128.load(p + o), vDecay);
    const gg = fusedAdd(v128.load(g + o), vL2, pp);
    const mm = fusedAdd(f32x4.mul(v128.load(m + o), vB1), vOneMinusB1, gg);
    const vv = f32x4.add(
      f32x4.mul(v128.load(v + o), vB2),
      f32x4.mul(f32x4.mul(vOneMinusB2, gg), gg),
    );
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vv), vBc2), vEps);
    v128.store(p + o, f32x4.add(pp, f32x4.div(f32x4.mul(vStep, mm), denom)));
    v128.store(m + o, mm);
    v128.store(v + o, vv);
  }
  for (; i < n; i++) {
    const o = <usize>(i << 2);
    const pp: f32 = load<f32>(p + o) * decay;
    const gg = <f32>(<f64>load<f32>(g + o) + <f64>l2 * <f64>pp);
    const mm = <f32>(<f64>(load<f32>(m + o) * b1) + <f64>oneMinusB1 * <f64>gg);
    const vv: f32 = load<f32>(v + o) * b2 + oneMinusB2 * gg * gg;
    const denom: f32 = Mathf.sqrt(vv) / bc2Sqrt + eps;
    store<f32>(p + o, pp + (stepSize * mm) / denom);
    store<f32>(m + o, mm);
    store<f32>(v + o, vv);
  }
}
