import { gemmWasmBytes } from './gemm-wasm-bytes';

/** What assembly/gemm.ts exports (addresses in bytes, strides in elements). */
export interface GemmExports {
  // Parameters are grouped per matrix, as in BLAS.
  // prettier-ignore
  gemm(
    m: number, n: number, k: number,
    a: number, ars: number, acs: number,
    b: number, brs: number, bcs: number,
    c: number, ldc: number, work: number,
  ): void;
  /** Runs the gemm whose 11 i32 arguments (m … ldc) are at `task`. */
  gemmTask(task: number, work: number): void;
  scratchBytes(): number;
  /** One float32 Adam step in place (see assembly/gemm.ts for the arguments). */
  // prettier-ignore
  adamStep(
    n: number, p: number, g: number, m: number, v: number,
    decay: number, l2: number, b1: number, oneMinusB1: number, b2: number, oneMinusB2: number,
    bc2Sqrt: number, stepSize: number, eps: number,
  ): void;
}

/** The instantiated wasm gemm and the memory it computes in. */
export interface WasmGemm {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** True when `memory` is shared, so worker threads can instantiate `module` on it too. */
  readonly shared: boolean;
  readonly exports: GemmExports;
  /** Packing scratch per thread, in bytes (a multiple of 16). */
  readonly scratchBytes: number;
  /**
   * A Float32Array over all of `memory`, first grown to at least `bytes` bytes; `undefined` when
   * the memory cannot grow that far (past 4 GiB, or the engine refused).
   */
  heap(bytes: number): Float32Array | undefined;
}

// Wasm pages are 64 KiB. Shared memory must declare a maximum; V8 reserves address space for
// it up front (no physical memory), and the 4 GiB wasm32 limit is what the kernel can address.
const PAGE = 65536;
const MAX_PAGES = 65536;

// One instance per kind, each on its own memory; null: tried, unavailable.
const loaded: { shared?: WasmGemm | null; unshared?: WasmGemm | null } = {};

/**
 * The float32 gemm compiled to WebAssembly SIMD, instantiated once per process: on a shared
 * memory when `shared` (for worker threads; the ordinary instance if shared memory is refused),
 * else on an ordinary one. `undefined` where WebAssembly or its SIMD extension is missing (the
 * CPU backend then uses the TypeScript gemm).
 *
 * @example
 * ```ts
 * const wasm = loadWasmGemm(false);
 * if (wasm) wasm.exports.gemm(m, n, k, a, k, 1, b, n, 1, c, n, scratch);
 * ```
 */
export function loadWasmGemm(shared: boolean): WasmGemm | undefined {
  if (shared) {
    // Shared memory refused (a tight address-space limit?): one thread on ordinary memory.
    loaded.shared ??= instantiate(gemmWasmBytes.shared, true) ?? null;
    if (loaded.shared !== null) return loaded.shared;
  }
  loaded.unshared ??= instantiate(gemmWasmBytes.unshared, false) ?? null;
  return loaded.unshared ?? undefined;
}

function instantiate(base64: string, shared: boolean): WasmGemm | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  try {
    return instantiateOn(decode(base64), shared);
  } catch {
    return undefined;
  }
}

function instantiateOn(bytes: Uint8Array<ArrayBuffer>, shared: boolean): WasmGemm | undefined {
  // validate() is false where the engine lacks SIMD128 (Safari < 16.4, old Node).
  if (!WebAssembly.validate(bytes)) return undefined;
  const module = new WebAssembly.Module(bytes);
  const memory = new WebAssembly.Memory(
    shared ? { initial: 64, maximum: MAX_PAGES, shared: true } : { initial: 64 },
  );
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as unknown as GemmExports;
  let view = new Float32Array(memory.buffer);
  return {
    module,
    memory,
    shared,
    exports,
    scratchBytes: exports.scratchBytes(),
    heap(bytes) {
      const have = memory.buffer.byteLength;
      if (bytes > have) {
        if (bytes > MAX_PAGES * PAGE) return undefined;
        try {
          memory.grow(Math.ceil((bytes - have) / PAGE));
        } catch {
          return undefined; // out of memory: the caller falls back to the TypeScript gemm
        }
      }
      // A shared memory's buffer object is replaced on growth, so compare lengths.
      if (view.buffer.byteLength !== memory.buffer.byteLength)
        view = new Float32Array(memory.buffer);
      return view;
    },
  };
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
