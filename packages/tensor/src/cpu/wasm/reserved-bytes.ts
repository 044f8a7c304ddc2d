/**
 * Bytes at the start of the wasm memory left to AssemblyScript (its static data, if any). The
 * packing scratch of each thread follows, then whatever a call lays out (see wasm-matmul.ts).
 *
 * @example
 * ```ts
 * const scratchOfThread = (t: number) => RESERVED_BYTES + t * wasm.scratchBytes;
 * ```
 */
export const RESERVED_BYTES = 65536;
