/** Independent f32x4 accumulators: enough to cover the mul → add latency on every port. */
const CHAINS = 12;
/** Copies of the 12 updates in one loop iteration, so the counter and branch cost ~nothing. */
const UNROLL = 4;

/**
 * Flops of one iteration of the probe's loop: 12 chains × 4 unrolled updates × 4 lanes × 2 (a
 * multiply and an add, or one fused multiply-add counted as two).
 */
export const ROOFLINE_FLOPS_PER_ITERATION = CHAINS * UNROLL * 4 * 2;

/** How the probe updates each accumulator. */
export type RooflineOp = 'mul-add' | 'relaxed-madd';

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const SIMD = 0xfd;

/** Unsigned LEB128, as wasm encodes counts, indices and SIMD opcodes. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

/** A length-prefixed vector of already-encoded items. */
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const utf8 = (s: string): number[] => vec([...new TextEncoder().encode(s)].map((byte) => [byte]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const simd = (opcode: number): number[] => [SIMD, ...uleb(opcode)];
const f32Const = (x: number): number[] => [0x43, ...new Uint8Array(new Float32Array([x]).buffer)];
const localGet = (i: number) => [0x20, ...uleb(i)];
const localSet = (i: number) => [0x21, ...uleb(i)];

// SIMD opcodes (the wasm SIMD128 and relaxed-SIMD specifications).
const F32X4_SPLAT = 0x13;
const F32X4_EXTRACT_LANE = 0x1f;
const F32X4_ADD = 0xe4;
const F32X4_MUL = 0xe6;
const F32X4_RELAXED_MADD = 0x105;

/**
 * The bytes of a WebAssembly module, encoded by hand (no assembler dependency), whose export
 * `run(iterations: i32): f32` loops `iterations` (≥ 1) times over 12 independent f32x4 chains
 * `acc = acc · a + b` (`f32x4.mul` then `f32x4.add`, or one `f32x4.relaxed_madd`), 4 times
 * unrolled, and returns a lane of their sum so no engine can drop the loop. Each chain depends
 * on its previous value (so nothing can be hoisted out of the loop), and 12 of them keep the
 * multiply and add units busy despite their latency: the loop runs at the core's peak f32x4
 * throughput, the roofline a wasm SIMD128 matmul can at best reach. With a = b = 0.5 the
 * accumulators converge to 1: no overflow, no denormals.
 *
 * @example
 * ```ts
 * const { run } = new WebAssembly.Instance(new WebAssembly.Module(simdRooflineModule('mul-add')))
 *   .exports as { run(iterations: number): number };
 * run(1e6); // 1e6 · ROOFLINE_FLOPS_PER_ITERATION flops
 * WebAssembly.validate(simdRooflineModule('relaxed-madd')); // whether relaxed SIMD is on
 * ```
 */
export function simdRooflineModule(op: RooflineOp): Uint8Array<ArrayBuffer> {
  // Locals: 0 the iteration count (the parameter), 1…12 the accumulators, 13 a, 14 b.
  const acc = (i: number) => 1 + i;
  const a = 1 + CHAINS;
  const b = a + 1;
  const update = (i: number): number[] => [
    ...localGet(acc(i)),
    ...localGet(a),
    ...(op === 'mul-add'
      ? [...simd(F32X4_MUL), ...localGet(b), ...simd(F32X4_ADD)]
      : [...localGet(b), ...simd(F32X4_RELAXED_MADD)]),
    ...localSet(acc(i)),
  ];
  const splat = (x: number, local: number) => [
    ...f32Const(x),
    ...simd(F32X4_SPLAT),
    ...localSet(local),
  ];
  const body = [
    ...splat(0.5, a),
    ...splat(0.5, b),
    ...Array.from({ length: CHAINS }, (_, i) => splat(i / CHAINS, acc(i))).flat(),
    // loop: the updates, then `if (--iterations) continue`.
    ...[0x03, 0x40],
    ...Array.from({ length: UNROLL * CHAINS }, (_, j) => update(j % CHAINS)).flat(),
    ...localGet(0),
    ...[0x41, 1, 0x6b], // i32.const 1, i32.sub
    ...[0x22, 0], // local.tee 0
    ...[0x0d, 0], // br_if 0 (the loop)
    0x0b,
    // The sum of the accumulators' lane 0.
    ...localGet(acc(0)),
    ...Array.from({ length: CHAINS - 1 }, (_, i) => [
      ...localGet(acc(i + 1)),
      ...simd(F32X4_ADD),
    ]).flat(),
    ...simd(F32X4_EXTRACT_LANE),
    0,
    0x0b,
  ];
  const locals = vec([[...uleb(CHAINS + 2), V128]]);
  const code = [...locals, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([[I32]]), ...vec([[F32]])]])), // type 0: (i32) → f32
    ...section(3, vec([uleb(0)])), // function 0 has type 0
    ...section(7, vec([[...utf8('run'), 0x00, 0]])), // export "run" = function 0
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}
