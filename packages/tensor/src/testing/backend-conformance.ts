import type { Backend, BinaryOp, ReduceOp, UnaryOp, View } from '../backend';
import { tensor } from '../creation/tensor';
import type { DType, TypedArray } from '../dtype';
import { cat } from '../ops/join';
import { where } from '../ops/where';
import type { Tensor } from '../tensor';

/** One named check of a backend. `run` rejects with a precise message on the first mismatch. */
export type ConformanceCase = { name: string; run(): Promise<void> };

/** How far a floating-point result may stray from the exact (float64) reference value. */
export interface Tolerance {
  /** Relative part: `rtol * |expected|`. */
  readonly rtol: number;
  /** Absolute part, for results near zero where a relative bound means nothing. */
  readonly atol: number;
  /** Unit roundoff `u` of the dtype; accumulations of `k` terms may add `k * u * sum|term|`. */
  readonly unitRoundoff: number;
}

/**
 * The tolerances of the conformance suite, in one place; every float comparison uses them.
 *
 * - float32 elementwise ops and single values: `rtol 1e-5, atol 1e-6`. A correctly rounded
 *   float32 result is within 6e-8 relative, but GPU builtins (`exp`, `log`, `sin`, `pow` in GLSL
 *   or WGSL) are only specified to a few ulp and may evaluate in several float32 steps, so ~100
 *   ulp of slack is granted. A wrong formula or a misread element errs by far more. `atol`
 *   covers results that cancel to near zero (`sin(π)`, `x - y` with `x ≈ y`).
 * - Sums and matmul add `k * unitRoundoff * Σ|term|` for `k` accumulated terms: the worst-case
 *   rounding bound of float32 summation in any order (Higham's γₖ). A backend may accumulate in
 *   float32 (GPU) rather than in doubles (the CPU backend), and the error then grows with `k`
 *   and with the magnitude of the terms, not with the result, which may cancel to ~0.
 * - float64 gets the same structure with double-precision constants.
 *
 * Integer and bool results are always compared exactly.
 *
 * @example
 * ```ts
 * const { rtol, atol } = conformanceTolerance.float32;
 * Math.abs(got - want) <= atol + rtol * Math.abs(want);
 * ```
 */
export const conformanceTolerance: { readonly float32: Tolerance; readonly float64: Tolerance } = {
  float32: { rtol: 1e-5, atol: 1e-6, unitRoundoff: 2 ** -24 },
  float64: { rtol: 1e-12, atol: 1e-14, unitRoundoff: 2 ** -53 },
};

// ---------------------------------------------------------------------------------------------
// Deterministic inputs. A tiny xorshift keeps the suite independent of torchlet's own generators.

type Rng = () => number;

function makeRng(seed: number): Rng {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const uniform = (rng: Rng, lo: number, hi: number) => (): number => lo + (hi - lo) * rng();
const integers = (rng: Rng, lo: number, hi: number) => (): number =>
  lo + Math.floor((hi - lo + 1) * rng());

// ---------------------------------------------------------------------------------------------
// Naive index arithmetic, the reference for every strided read.

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function contiguousStridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/** Row-major multi-index of flat position `i`. */
function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

function ravel(idx: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * shape[d] + idx[d];
  return i;
}

const show = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

// ---------------------------------------------------------------------------------------------
// Operands: a host copy of a whole buffer plus the strided view the kernel sees.

/**
 * Memory layouts of test views. `offset` starts a contiguous view 5 elements in; `transposed`
 * stores dims in reverse order (a `.T`/`permute` view); `padded` leaves gaps between rows and
 * steps 2 along the last dim (a strided slice) and starts at offset 3.
 */
type Layout = 'contiguous' | 'offset' | 'transposed' | 'padded';

interface Operand<B> {
  readonly view: View<B>;
  /** Every element of the uploaded buffer, gaps included. */
  readonly storage: number[];
  /** The view's elements in row-major order, read through the strides by reference code. */
  readonly values: number[];
}

function layoutOf(shape: readonly number[], layout: Layout): { strides: number[]; offset: number } {
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(0);
  switch (layout) {
    case 'contiguous':
    case 'offset':
      return { strides: contiguousStridesOf(shape), offset: layout === 'offset' ? 5 : 0 };
    case 'transposed': {
      let s = 1;
      for (let d = 0; d < nd; d++) {
        strides[d] = s;
        s *= shape[d];
      }
      return { strides, offset: 0 };
    }
    case 'padded': {
      let s = 2;
      for (let d = nd - 1; d >= 0; d--) {
        strides[d] = s;
        s *= shape[d] + 1;
      }
      return { strides, offset: 3 };
    }
  }
}

/** Rounds a value to what a buffer of `dtype` holds. */
function toDType(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
    case 'int32':
      if (!Number.isInteger(v)) throw new Error(`conformance suite bug: ${v} is not an int32`);
      return v | 0;
    case 'bool':
      return v !== 0 ? 1 : 0;
  }
}

function readStrided(
  storage: readonly number[],
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): number[] {
  const n = numelOf(shape);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const idx = unravel(i, shape);
    let at = offset;
    for (let d = 0; d < shape.length; d++) at += idx[d] * strides[d];
    out[i] = storage[at];
  }
  return out;
}

/**
 * Uploads a buffer filled from `gen` (gaps too, so a kernel that reads a wrong slot sees a wrong
 * value) and returns the view of `shape` in `layout`. Dims listed in `broadcast` get stride 0.
 */
function operand<B>(
  backend: Backend<B>,
  dtype: DType,
  shape: readonly number[],
  layout: Layout,
  gen: () => number,
  broadcast: readonly number[] = [],
): Operand<B> {
  const { strides, offset } = layoutOf(shape, layout);
  for (const d of broadcast) strides[d] = 0;
  // Room for the last element plus two trailing slots a kernel must not read.
  let size = offset + 3;
  if (numelOf(shape) > 0) {
    for (let d = 0; d < shape.length; d++) size += (shape[d] - 1) * strides[d];
  }
  const storage = Array.from({ length: size }, () => toDType(gen(), dtype));
  const view: View<B> = {
    buffer: backend.upload(storage, dtype),
    dtype,
    shape: [...shape],
    strides,
    offset,
  };
  return { view, storage, values: readStrided(storage, shape, strides, offset) };
}

/** A contiguous operand holding exactly `values`. */
function exact<B>(
  backend: Backend<B>,
  dtype: DType,
  values: readonly number[],
  shape?: readonly number[],
): Operand<B> {
  const s = shape ?? [values.length];
  const storage = values.map((v) => toDType(v, dtype));
  const view: View<B> = {
    buffer: backend.upload(storage, dtype),
    dtype,
    shape: [...s],
    strides: contiguousStridesOf(s),
    offset: 0,
  };
  return { view, storage, values: storage.slice() };
}

// ---------------------------------------------------------------------------------------------
// Reading back and comparing.

const arrayTypes: Record<DType, string> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  int32: 'Int32Array',
  bool: 'Uint8Array',
};

function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** Reads a buffer with `read` (and `readSync` when present, which must agree). */
async function readBack<B>(
  backend: Backend<B>,
  buffer: B,
  dtype: DType,
  label: string,
): Promise<TypedArray> {
  const got = await backend.read(buffer, dtype);
  const typeName = got?.constructor?.name;
  if (typeName !== arrayTypes[dtype]) {
    throw new Error(
      `${label}: read(…, '${dtype}') returned ${String(typeName)}, expected ${arrayTypes[dtype]}`,
    );
  }
  if (backend.readSync !== undefined) {
    const sync = backend.readSync(buffer, dtype);
    if (sync.length !== got.length) {
      throw new Error(
        `${label}: readSync returned ${sync.length} elements but read returned ${got.length}`,
      );
    }
    for (let i = 0; i < got.length; i++) {
      if (!sameValue(sync[i], got[i])) {
        throw new Error(
          `${label}: readSync gives ${sync[i]} at element ${i} but read gives ${got[i]}`,
        );
      }
    }
  }
  return got;
}

/**
 * Compares `got` with reference values. Integer and bool dtypes compare exactly; float dtypes
 * within {@link conformanceTolerance}, plus `slack[i]` for accumulated rounding. NaN must meet
 * NaN and infinities must match exactly.
 */
function expectValues(
  label: string,
  got: TypedArray,
  want: readonly number[],
  dtype: DType,
  shape: readonly number[],
  slack?: readonly number[],
): void {
  if (got.length !== want.length) {
    throw new Error(
      `${label}: expected ${want.length} elements (shape ${show(shape)}), got ${got.length}`,
    );
  }
  const float = dtype === 'float32' || dtype === 'float64';
  const tol = dtype === 'float64' ? conformanceTolerance.float64 : conformanceTolerance.float32;
  let first = -1;
  let detail = '';
  let bad = 0;
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    let ok: boolean;
    let why = '';
    if (!float || w !== w || !Number.isFinite(w)) {
      ok = sameValue(g, w);
    } else {
      const allowed = tol.atol + tol.rtol * Math.abs(w) + (slack?.[i] ?? 0);
      const err = Math.abs(g - w);
      ok = err <= allowed;
      if (!ok) why = ` (|error| ${err.toExponential(2)} > allowed ${allowed.toExponential(2)})`;
    }
    if (!ok) {
      bad++;
      if (first < 0) {
        first = i;
        detail = `${g}, expected ${w}${why}`;
      }
    }
  }
  if (bad > 0) {
    const where =
      shape.length > 0 ? ` (index ${show(unravel(first, shape))} of shape ${show(shape)})` : '';
    throw new Error(
      `${label}: element ${first}${where} is ${detail}; ${bad} of ${want.length} elements differ`,
    );
  }
}

/** Reads `buffer` and checks it against `want`. */
async function check<B>(
  backend: Backend<B>,
  label: string,
  buffer: B,
  dtype: DType,
  want: readonly number[],
  shape: readonly number[],
  slack?: readonly number[],
): Promise<void> {
  expectValues(label, await readBack(backend, buffer, dtype, label), want, dtype, shape, slack);
}

/** Rounds reference values to the output dtype (int32 truncates, bool tests `!= 0`). */
const castValues = (dtype: DType, values: readonly number[]): number[] =>
  values.map((v) =>
    dtype === 'int32' ? Math.trunc(v) | 0 : dtype === 'bool' ? (v !== 0 ? 1 : 0) : v,
  );

// ---------------------------------------------------------------------------------------------
// Reference math.

/** erf by composite Simpson integration of 2/√π·e^(−t²): slow, but shares nothing with a kernel. */
function referenceErf(x: number): number {
  if (x !== x) return NaN;
  if (!Number.isFinite(x)) return Math.sign(x);
  const steps = 2000;
  const h = x / steps;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return ((s * h) / 3) * (2 / Math.sqrt(Math.PI));
}

/** erf at exactly representable points, as tabulated (these agree with Python's math.erf). */
const erfTable: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.25, 0.2763263901682369],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [-1, -0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
];

/** C99/PyTorch `pow`, which differs from `Math.pow` at `pow(1, NaN)` and `pow(±1, ±∞)`. */
function referencePow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

interface UnarySpec {
  /** Range of the random inputs. */
  readonly domain: readonly [number, number];
  readonly ref: (x: number) => number;
  /** Edge inputs checked on a contiguous buffer. */
  readonly specials: readonly number[];
}

const nonFinite = [Infinity, -Infinity, NaN];

const unarySpecs: Record<Exclude<UnaryOp, 'logicalNot'>, UnarySpec> = {
  neg: { domain: [-3, 3], ref: (x) => -x, specials: [0, -0, ...nonFinite] },
  abs: { domain: [-3, 3], ref: Math.abs, specials: [-0, -2.5, ...nonFinite] },
  // sign(NaN) is left out: PyTorch 1.13 gives 0, NumPy and the CPU backend give NaN.
  sign: { domain: [-3, 3], ref: Math.sign, specials: [0, -0, 1e-30, -1e-30, Infinity, -Infinity] },
  exp: { domain: [-5, 5], ref: Math.exp, specials: [0, 20, -20, ...nonFinite] },
  log: { domain: [0.01, 10], ref: Math.log, specials: [1, 0, -1, 1e-20, ...nonFinite] },
  sqrt: { domain: [0, 10], ref: Math.sqrt, specials: [0, 4, 1e-20, -1, ...nonFinite] },
  rsqrt: { domain: [0.01, 10], ref: (x) => 1 / Math.sqrt(x), specials: [0, 4, -1, ...nonFinite] },
  erf: { domain: [-3, 3], ref: referenceErf, specials: [0, 7, -7, ...nonFinite] },
  tanh: { domain: [-4, 4], ref: Math.tanh, specials: [0, 20, -20, ...nonFinite] },
  // Through tanh for x ≥ 0 (no shared formula with a 1/(1+e^-x) kernel); e^x/(1+e^x) below 0,
  // where 1 + tanh(x/2) would cancel.
  sigmoid: {
    domain: [-8, 8],
    ref: (x) => (x < 0 ? Math.exp(x) / (1 + Math.exp(x)) : (1 + Math.tanh(x / 2)) / 2),
    specials: [0, 30, -30, ...nonFinite],
  },
  relu: { domain: [-3, 3], ref: (x) => Math.max(x, 0), specials: [0, -0, ...nonFinite] },
  sin: { domain: [-6, 6], ref: Math.sin, specials: [0, Math.PI, ...nonFinite] },
  cos: { domain: [-6, 6], ref: Math.cos, specials: [0, Math.PI, ...nonFinite] },
};

interface BinarySpec {
  readonly a: (rng: Rng) => () => number;
  readonly b: (rng: Rng) => () => number;
  readonly ref: (a: number, b: number) => number;
  readonly specials: readonly (readonly [number, number])[];
}

const nanPairs: readonly (readonly [number, number])[] = [
  [NaN, 1],
  [1, NaN],
  [NaN, NaN],
];
// Small integers give the comparisons plenty of ties.
const ties = (rng: Rng) => integers(rng, -2, 2);
const signedAwayFromZero = (rng: Rng) => () => (rng() < 0.5 ? -1 : 1) * (0.5 + 3.5 * rng());

const binarySpecs: Record<BinaryOp, BinarySpec> = {
  add: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a + b,
    specials: [[Infinity, -Infinity], [1e30, 1e30], ...nanPairs],
  },
  sub: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a - b,
    specials: [[Infinity, Infinity], [3, 5], ...nanPairs],
  },
  mul: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a * b,
    specials: [[0, Infinity], [-2, Infinity], ...nanPairs],
  },
  div: {
    a: (r) => uniform(r, -4, 4),
    b: signedAwayFromZero,
    ref: (a, b) => a / b,
    specials: [[1, 0], [-1, 0], [0, 0], [7, 2], ...nanPairs],
  },
  pow: {
    a: (r) => uniform(r, 0.1, 3),
    b: (r) => uniform(r, -2.5, 2.5),
    ref: referencePow,
    specials: [
      [-2, 3],
      [-2, 2],
      [-8, 1 / 3],
      [0, 0],
      [0, -1],
      [2, -1],
      [NaN, 0],
      [1, NaN],
      [-1, Infinity],
      [2, NaN],
    ],
  },
  maximum: { a: ties, b: ties, ref: Math.max, specials: [[-Infinity, -3], ...nanPairs] },
  minimum: { a: ties, b: ties, ref: Math.min, specials: [[Infinity, 3], ...nanPairs] },
  eq: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a === b),
    specials: [[Infinity, Infinity], [0, -0], ...nanPairs],
  },
  ne: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a !== b),
    specials: [[Infinity, Infinity], [0, -0], ...nanPairs],
  },
  lt: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a < b),
    specials: [[-Infinity, 0], [0, -0], ...nanPairs],
  },
  le: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a <= b),
    specials: [[-Infinity, 0], [0, -0], ...nanPairs],
  },
  gt: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a > b),
    specials: [[Infinity, 0], [0, -0], ...nanPairs],
  },
  ge: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a >= b),
    specials: [[Infinity, 0], [0, -0], ...nanPairs],
  },
};

const comparisons: ReadonlySet<BinaryOp> = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

interface Reduced {
  values: number[];
  /** Per output element: accumulation slack for sums (0 for the other ops). */
  slack: number[];
  shape: number[];
}

/** Naive reduction: loops over every output position and every reduced position. */
function referenceReduce(
  op: ReduceOp,
  values: readonly number[],
  shape: readonly number[],
  dims: readonly number[],
  dtype: DType,
): Reduced {
  const outShape = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const redShape = dims.map((d) => shape[d]);
  const outN = numelOf(outShape);
  const redN = numelOf(redShape);
  const u =
    dtype === 'float64'
      ? conformanceTolerance.float64.unitRoundoff
      : conformanceTolerance.float32.unitRoundoff;
  const out: number[] = [];
  const slack: number[] = [];
  for (let o = 0; o < outN; o++) {
    const idx = unravel(o, outShape);
    const items: number[] = [];
    for (let r = 0; r < redN; r++) {
      const ridx = unravel(r, redShape);
      dims.forEach((d, j) => (idx[d] = ridx[j]));
      items.push(values[ravel(idx, shape)]);
    }
    let result: number;
    let magnitude = 0;
    switch (op) {
      case 'sum':
        result = 0;
        for (const v of items) {
          result += v;
          magnitude += Math.abs(v);
        }
        break;
      case 'max':
        result = items.some((v) => v !== v) ? NaN : Math.max(...items);
        break;
      case 'min':
        result = items.some((v) => v !== v) ? NaN : Math.min(...items);
        break;
      case 'argmax':
      case 'argmin': {
        // The first NaN wins; otherwise the first of equal extremes, as in PyTorch.
        const nan = items.findIndex((v) => v !== v);
        if (nan >= 0) result = nan;
        else {
          const best = op === 'argmax' ? Math.max(...items) : Math.min(...items);
          result = items.indexOf(best);
        }
        break;
      }
    }
    out.push(result);
    slack.push(redN * u * magnitude);
  }
  return { values: out, slack, shape: outShape };
}

// ---------------------------------------------------------------------------------------------

/**
 * The backend-conformance suite: every kernel of the {@link Backend} spec, driven directly with
 * strided views (transposes, offsets, stride-0 broadcasts, gapped slices) and every dtype where it
 * matters, plus end-to-end checks through the Tensor API placed on `backend`. Expected values come
 * from naive reference code on plain arrays, never from another backend.
 *
 * Each case's `run` rejects with a message naming the kernel, the element and both values.
 * The suite needs no test framework; wrap the cases in your own.
 *
 * @example
 * ```ts
 * import { backendConformanceCases } from '@torchlet/tensor/testing';
 * for (const c of backendConformanceCases(myBackend)) it(c.name, c.run);
 * ```
 */
export function backendConformanceCases<B>(backend: Backend<B>): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const add = (name: string, run: () => Promise<void>): void => {
    cases.push({ name, run });
  };
  const be = backend;

  // ---- identity, upload, read, full, free ----

  add('spec: name and specVersion', async () => {
    if (typeof be.name !== 'string' || be.name.length === 0) {
      throw new Error(`spec: name must be a non-empty string, got ${JSON.stringify(be.name)}`);
    }
    if (be.specVersion !== 1)
      throw new Error(`spec: specVersion must be 1, got ${String(be.specVersion)}`);
  });

  add('upload/read: float32 values round-trip and are rounded to float32', async () => {
    const values = [0, -0, 1, -2.5, 0.1, 1 / 3, 3.4e38, -1e-30, 16777217, Infinity, -Infinity, NaN];
    const want = values.map(Math.fround);
    await check(be, 'upload number[] as float32', be.upload(values, 'float32'), 'float32', want, [
      values.length,
    ]);
    const f64 = Float64Array.from(values);
    await check(be, 'upload Float64Array as float32', be.upload(f64, 'float32'), 'float32', want, [
      values.length,
    ]);
    const buf = be.upload(Float32Array.from(values), 'float32');
    const got = await readBack(be, buf, 'float32', 'upload Float32Array as float32');
    for (let i = 0; i < want.length; i++) {
      if (!sameValue(got[i], want[i])) {
        throw new Error(
          `upload/read float32: element ${i} is ${got[i]}, expected exactly ${want[i]}`,
        );
      }
    }
  });

  add('upload/read: float64 keeps double precision', async () => {
    const values = [0.1, 1 / 3, 1 + 2 ** -52, 1e300, -1e-300, NaN, Infinity];
    const got = await readBack(be, be.upload(values, 'float64'), 'float64', 'upload float64');
    for (let i = 0; i < values.length; i++) {
      if (!sameValue(got[i], values[i])) {
        throw new Error(
          `upload/read float64: element ${i} is ${got[i]}, expected exactly ${values[i]}`,
        );
      }
    }
  });

  add('upload/read: int32 is exact over its whole range', async () => {
    const values = [0, 1, -1, 7, -123456, 16777217, -16777217, 2147483647, -2147483648];
    await check(be, 'upload int32', be.upload(values, 'int32'), 'int32', values, [values.length]);
    await check(
      be,
      'upload Int32Array',
      be.upload(Int32Array.from(values), 'int32'),
      'int32',
      values,
      [values.length],
    );
  });

  add(
    'upload/read: converts between dtypes (float→int32 truncates, →bool tests != 0)',
    async () => {
      const floats = [1.7, -1.7, 0.5, -0.5, 3, -3, 100000.5];
      await check(
        be,
        'upload floats as int32',
        be.upload(floats, 'int32'),
        'int32',
        [1, -1, 0, 0, 3, -3, 100000],
        [7],
      );
      const anything = [0, -0, 0.5, -2, 7, NaN, Infinity];
      await check(
        be,
        'upload as bool',
        be.upload(anything, 'bool'),
        'bool',
        [0, 0, 1, 1, 1, 1, 1],
        [7],
      );
      await check(
        be,
        'upload Int32Array as float32',
        be.upload(Int32Array.from([3, -4, 16777217]), 'float32'),
        'float32',
        [3, -4, 16777216],
        [3],
      );
      await check(
        be,
        'upload Uint8Array as bool',
        be.upload(Uint8Array.from([0, 1, 2, 255]), 'bool'),
        'bool',
        [0, 1, 1, 1],
        [4],
      );
      await check(be, 'upload empty', be.upload([], 'float32'), 'float32', [], [0]);
    },
  );

  add('read: returns a fresh host copy', async () => {
    const buf = be.upload([1, 2, 3], 'float32');
    const first = await be.read(buf, 'float32');
    first[0] = 99;
    await check(be, 'read after mutating an earlier read', buf, 'float32', [1, 2, 3], [3]);
    if (be.readSync !== undefined) {
      const sync = be.readSync(buf, 'float32');
      sync[1] = 99;
      await check(be, 'read after mutating a readSync result', buf, 'float32', [1, 2, 3], [3]);
    }
  });

  add('full: every dtype, special values and size 0', async () => {
    await check(
      be,
      'full float32 2.5',
      be.full(7, 2.5, 'float32'),
      'float32',
      Array(7).fill(2.5),
      [7],
    );
    await check(
      be,
      'full float32 0.1',
      be.full(3, 0.1, 'float32'),
      'float32',
      Array(3).fill(Math.fround(0.1)),
      [3],
    );
    await check(be, 'full float32 NaN', be.full(2, NaN, 'float32'), 'float32', [NaN, NaN], [2]);
    await check(
      be,
      'full float32 -Infinity',
      be.full(2, -Infinity, 'float32'),
      'float32',
      [-Infinity, -Infinity],
      [2],
    );
    await check(be, 'full float64 0.1', be.full(2, 0.1, 'float64'), 'float64', [0.1, 0.1], [2]);
    await check(be, 'full int32 -3', be.full(5, -3, 'int32'), 'int32', Array(5).fill(-3), [5]);
    await check(
      be,
      'full int32 2^31-1',
      be.full(2, 2147483647, 'int32'),
      'int32',
      [2147483647, 2147483647],
      [2],
    );
    await check(be, 'full bool 1', be.full(4, 1, 'bool'), 'bool', [1, 1, 1, 1], [4]);
    await check(be, 'full bool 0', be.full(4, 0, 'bool'), 'bool', [0, 0, 0, 0], [4]);
    await check(
      be,
      'full bool 5 (any nonzero is true)',
      be.full(2, 5, 'bool'),
      'bool',
      [1, 1],
      [2],
    );
    await check(be, 'full float32 size 0', be.full(0, 1, 'float32'), 'float32', [], [0]);
    await check(
      be,
      'full float32 size 1000',
      be.full(1000, -7, 'float32'),
      'float32',
      Array(1000).fill(-7),
      [1000],
    );
  });

  add('free: releases one buffer and leaves others readable', async () => {
    const keep = be.upload([1, 2], 'float32');
    const drop = be.upload([3, 4], 'float32');
    be.free(drop);
    await check(be, 'buffer read after freeing another', keep, 'float32', [1, 2], [2]);
  });

  // ---- copy ----

  add(
    'copy: strided float32 views become contiguous (transposed, offset, gapped, broadcast)',
    async () => {
      const rng = makeRng(11);
      const shape = [3, 4, 5];
      const layouts: Layout[] = ['contiguous', 'offset', 'transposed', 'padded'];
      for (const layout of layouts) {
        const x = operand(be, 'float32', shape, layout, uniform(rng, -10, 10));
        const out = be.copy(x.view, 'float32');
        if (Object.is(out, x.view.buffer))
          throw new Error(`copy ${layout}: returned its input buffer, expected a new one`);
        await check(be, `copy ${layout} view`, out, 'float32', x.values, shape);
      }
      const b = operand(be, 'float32', shape, 'padded', uniform(rng, -10, 10), [0, 2]);
      await check(
        be,
        'copy of a view broadcast over dims 0 and 2',
        be.copy(b.view, 'float32'),
        'float32',
        b.values,
        shape,
      );
      const scalar: View<B> = {
        buffer: be.upload([9, 8, 7, 6], 'float32'),
        dtype: 'float32',
        shape: [],
        strides: [],
        offset: 2,
      };
      await check(
        be,
        'copy of a 0-d view at offset 2',
        be.copy(scalar, 'float32'),
        'float32',
        [7],
        [],
      );
      const scalarBroadcast: View<B> = { ...scalar, shape: [2, 3], strides: [0, 0] };
      await check(
        be,
        'copy of a 0-d value expanded to [2, 3]',
        be.copy(scalarBroadcast, 'float32'),
        'float32',
        Array(6).fill(7),
        [2, 3],
      );
      const empty = operand(be, 'float32', [2, 0, 3], 'padded', uniform(rng, 0, 1));
      await check(
        be,
        'copy of an empty view',
        be.copy(empty.view, 'float32'),
        'float32',
        [],
        [2, 0, 3],
      );
    },
  );

  add('copy: converts dtypes (float→int32 truncates toward zero, →bool tests != 0)', async () => {
    const src = [-2.7, -0.5, 0.5, 2.7, 3, -3, 1000000.5, 0, -0, NaN, Infinity, 1e-30];
    const x = exact(be, 'float32', src, [3, 4]);
    // A transposed 4×3 view of the same buffer, so conversion and strides are exercised together.
    const t: View<B> = { ...x.view, shape: [4, 3], strides: [1, 4] };
    const tValues = readStrided(x.storage, [4, 3], [1, 4], 0);
    const finiteInts = [-2, 0, 0, 2, 3, -3, 1000000, 0, 0];
    const toInt = await readBack(be, be.copy(x.view, 'int32'), 'int32', 'copy float32→int32');
    // NaN and ±Infinity have no int32 value (PyTorch leaves them undefined), so only finite ones count.
    expectValues('copy float32→int32', toInt.subarray(0, 9), finiteInts, 'int32', [9]);
    await check(
      be,
      'copy float32→bool',
      be.copy(x.view, 'bool'),
      'bool',
      castValues('bool', x.values),
      [3, 4],
    );
    await check(
      be,
      'copy transposed float32→bool',
      be.copy(t, 'bool'),
      'bool',
      castValues('bool', tValues),
      [4, 3],
    );
    await check(be, 'copy float32→float64', be.copy(t, 'float64'), 'float64', tValues, [4, 3]);

    const i = operand(be, 'int32', [3, 5], 'transposed', integers(makeRng(5), -1000, 1000));
    await check(be, 'copy int32→float32', be.copy(i.view, 'float32'), 'float32', i.values, [3, 5]);
    await check(
      be,
      'copy int32→bool',
      be.copy(i.view, 'bool'),
      'bool',
      castValues('bool', i.values),
      [3, 5],
    );
    const padded = operand(
      be,
      'int32',
      [3, 5],
      'padded',
      integers(makeRng(6), -2000000000, 2000000000),
    );
    await check(
      be,
      'copy int32 (padded view)',
      be.copy(padded.view, 'int32'),
      'int32',
      padded.values,
      [3, 5],
    );

    const bools = operand(be, 'bool', [4, 3], 'padded', integers(makeRng(7), 0, 1));
    await check(
      be,
      'copy bool→float32',
      be.copy(bools.view, 'float32'),
      'float32',
      bools.values,
      [4, 3],
    );
    await check(be, 'copy bool→int32', be.copy(bools.view, 'int32'), 'int32', bools.values, [4, 3]);
    await check(be, 'copy bool→bool', be.copy(bools.view, 'bool'), 'bool', bools.values, [4, 3]);

    const d = exact(be, 'float64', [0.1, 1 / 3, 1e300, -1e-300]);
    await check(
      be,
      'copy float64→float32 rounds',
      be.copy(d.view, 'float32'),
      'float32',
      [Math.fround(0.1), Math.fround(1 / 3), Infinity, -0],
      [4],
    );
  });

  // ---- unary ----

  for (const op of Object.keys(unarySpecs) as (keyof typeof unarySpecs)[]) {
    const spec = unarySpecs[op];
    add(`unary ${op}: float32 over strided views and special values`, async () => {
      const rng = makeRng(100 + op.length);
      const [lo, hi] = spec.domain;
      for (const layout of ['transposed', 'padded'] as const) {
        const x = operand(be, 'float32', [3, 4, 5], layout, uniform(rng, lo, hi));
        await check(
          be,
          `unary ${op} (${layout} view)`,
          be.unary(op, x.view, 'float32'),
          'float32',
          x.values.map(spec.ref),
          [3, 4, 5],
        );
      }
      const b = operand(be, 'float32', [4, 6], 'offset', uniform(rng, lo, hi), [0]);
      await check(
        be,
        `unary ${op} (broadcast view)`,
        be.unary(op, b.view, 'float32'),
        'float32',
        b.values.map(spec.ref),
        [4, 6],
      );
      const s = exact(be, 'float32', spec.specials);
      await check(
        be,
        `unary ${op} of [${s.values.join(', ')}]`,
        be.unary(op, s.view, 'float32'),
        'float32',
        s.values.map(spec.ref),
        [spec.specials.length],
      );
    });
  }

  add('unary erf: matches tabulated values', async () => {
    const x = exact(
      be,
      'float32',
      erfTable.map(([v]) => v),
    );
    await check(
      be,
      'unary erf at tabulated points',
      be.unary('erf', x.view, 'float32'),
      'float32',
      erfTable.map(([, e]) => e),
      [erfTable.length],
    );
  });

  add('unary: float64 keeps double precision', async () => {
    const rng = makeRng(42);
    for (const op of Object.keys(unarySpecs) as (keyof typeof unarySpecs)[]) {
      const spec = unarySpecs[op];
      // float64 erf is held to the tables, whose digits are exact; the Simpson reference is not.
      if (op === 'erf') {
        const x = exact(
          be,
          'float64',
          erfTable.map(([v]) => v),
        );
        await check(
          be,
          'unary erf float64 at tabulated points',
          be.unary('erf', x.view, 'float64'),
          'float64',
          erfTable.map(([, e]) => e),
          [erfTable.length],
        );
        continue;
      }
      const x = operand(
        be,
        'float64',
        [4, 5],
        'transposed',
        uniform(rng, spec.domain[0], spec.domain[1]),
      );
      await check(
        be,
        `unary ${op} float64`,
        be.unary(op, x.view, 'float64'),
        'float64',
        x.values.map(spec.ref),
        [4, 5],
      );
    }
  });

  add(
    'unary: int32 and bool inputs (neg/abs/sign/relu keep int32, float ops give float32)',
    async () => {
      const rng = makeRng(9);
      const i = operand(be, 'int32', [4, 5], 'padded', integers(rng, -1000, 1000));
      const intOps: readonly [UnaryOp, (x: number) => number][] = [
        ['neg', (x) => -x],
        ['abs', Math.abs],
        ['sign', Math.sign],
        ['relu', (x) => Math.max(x, 0)],
      ];
      for (const [op, ref] of intOps) {
        await check(
          be,
          `unary ${op} int32→int32`,
          be.unary(op, i.view, 'int32'),
          'int32',
          castValues('int32', i.values.map(ref)),
          [4, 5],
        );
      }
      const bools = operand(be, 'bool', [3, 4], 'transposed', integers(rng, 0, 1));
      for (const [op, ref] of intOps) {
        await check(
          be,
          `unary ${op} bool→int32`,
          be.unary(op, bools.view, 'int32'),
          'int32',
          castValues('int32', bools.values.map(ref)),
          [3, 4],
        );
      }
      const small = operand(be, 'int32', [3, 4], 'transposed', integers(rng, -4, 9));
      for (const op of ['exp', 'sigmoid', 'sin', 'erf'] as const) {
        await check(
          be,
          `unary ${op} int32→float32`,
          be.unary(op, small.view, 'float32'),
          'float32',
          small.values.map(unarySpecs[op].ref),
          [3, 4],
        );
      }
      const positive = operand(be, 'int32', [3, 4], 'padded', integers(rng, 0, 100));
      await check(
        be,
        'unary sqrt int32→float32',
        be.unary('sqrt', positive.view, 'float32'),
        'float32',
        positive.values.map(Math.sqrt),
        [3, 4],
      );
      await check(
        be,
        'unary exp bool→float32',
        be.unary('exp', bools.view, 'float32'),
        'float32',
        bools.values.map(Math.exp),
        [3, 4],
      );
    },
  );

  add('unary logicalNot: bool output from float32, int32 and bool inputs', async () => {
    const f = exact(be, 'float32', [0, -0, 1, -2.5, 1e-30, NaN, Infinity]);
    await check(
      be,
      'logicalNot float32',
      be.unary('logicalNot', f.view, 'bool'),
      'bool',
      [1, 1, 0, 0, 0, 0, 0],
      [7],
    );
    const rng = makeRng(77);
    const i = operand(be, 'int32', [3, 4], 'transposed', integers(rng, -1, 1));
    await check(
      be,
      'logicalNot int32',
      be.unary('logicalNot', i.view, 'bool'),
      'bool',
      i.values.map((v) => +(v === 0)),
      [3, 4],
    );
    const b = operand(be, 'bool', [3, 4], 'padded', integers(rng, 0, 1));
    await check(
      be,
      'logicalNot bool',
      be.unary('logicalNot', b.view, 'bool'),
      'bool',
      b.values.map((v) => +(v === 0)),
      [3, 4],
    );
  });

  // ---- binary ----

  for (const op of Object.keys(binarySpecs) as BinaryOp[]) {
    const spec = binarySpecs[op];
    const outType: DType = comparisons.has(op) ? 'bool' : 'float32';
    add(
      `binary ${op}: float32 with broadcasting strides${outType === 'bool' ? ' (bool output)' : ''}`,
      async () => {
        const rng = makeRng(200 + op.length * 7 + op.charCodeAt(0));
        const shape = [3, 4, 5];
        const a = operand(be, 'float32', shape, 'transposed', spec.a(rng));
        const b = operand(be, 'float32', shape, 'padded', spec.b(rng), [1]);
        const want = a.values.map((v, i) => spec.ref(v, b.values[i]));
        await check(
          be,
          `binary ${op} (transposed, broadcast dim 1)`,
          be.binary(op, a.view, b.view, outType),
          outType,
          want,
          shape,
        );
        // Swapped roles, so that a kernel which mixes up its operands cannot pass.
        const c = operand(be, 'float32', shape, 'offset', spec.a(rng), [0, 2]);
        const d = operand(be, 'float32', shape, 'transposed', spec.b(rng));
        const want2 = c.values.map((v, i) => spec.ref(v, d.values[i]));
        await check(
          be,
          `binary ${op} (broadcast dims 0 and 2, transposed)`,
          be.binary(op, c.view, d.view, outType),
          outType,
          want2,
          shape,
        );
        // A 0-d scalar expanded to the output shape, as `x.op(2)` produces.
        const scalar: View<B> = {
          ...exact(be, 'float32', [1.5]).view,
          shape: [4, 3],
          strides: [0, 0],
        };
        const e = operand(be, 'float32', [4, 3], 'padded', spec.a(rng));
        const want3 = e.values.map((v) => spec.ref(v, 1.5));
        await check(
          be,
          `binary ${op} (view, expanded scalar 1.5)`,
          be.binary(op, e.view, scalar, outType),
          outType,
          want3,
          [4, 3],
        );
        const sa = exact(
          be,
          'float32',
          spec.specials.map(([x]) => x),
        );
        const sb = exact(
          be,
          'float32',
          spec.specials.map(([, y]) => y),
        );
        await check(
          be,
          `binary ${op} of ${sa.values.map((x, i) => `(${x}, ${sb.values[i]})`).join(' ')}`,
          be.binary(op, sa.view, sb.view, outType),
          outType,
          sa.values.map((v, i) => spec.ref(v, sb.values[i])),
          [spec.specials.length],
        );
      },
    );
  }

  add('binary: int32 inputs (exact arithmetic, true division, bool comparisons)', async () => {
    const rng = makeRng(300);
    const shape = [4, 6];
    const a = operand(be, 'int32', shape, 'transposed', integers(rng, -50000, 50000));
    const b = operand(be, 'int32', shape, 'padded', integers(rng, -50000, 50000), [0]);
    const intOps: readonly [BinaryOp, (x: number, y: number) => number][] = [
      ['add', (x, y) => x + y],
      ['sub', (x, y) => x - y],
      ['maximum', Math.max],
      ['minimum', Math.min],
    ];
    for (const [op, ref] of intOps) {
      await check(
        be,
        `binary ${op} int32`,
        be.binary(op, a.view, b.view, 'int32'),
        'int32',
        a.values.map((v, i) => ref(v, b.values[i])),
        shape,
      );
    }
    const s = operand(be, 'int32', shape, 'offset', integers(rng, -300, 300));
    const t = operand(be, 'int32', shape, 'transposed', integers(rng, -300, 300));
    await check(
      be,
      'binary mul int32',
      be.binary('mul', s.view, t.view, 'int32'),
      'int32',
      s.values.map((v, i) => v * t.values[i]),
      shape,
    );
    const nz = operand(
      be,
      'int32',
      shape,
      'transposed',
      () => (rng() < 0.5 ? -1 : 1) * integers(rng, 1, 9)(),
    );
    await check(
      be,
      'binary div int32→float32 (true division)',
      be.binary('div', s.view, nz.view, 'float32'),
      'float32',
      s.values.map((v, i) => v / nz.values[i]),
      shape,
    );
    for (const op of comparisons) {
      const ref = binarySpecs[op].ref;
      const x = operand(be, 'int32', shape, 'padded', integers(rng, -2, 2));
      const y = operand(be, 'int32', shape, 'transposed', integers(rng, -2, 2));
      await check(
        be,
        `binary ${op} int32→bool`,
        be.binary(op, x.view, y.view, 'bool'),
        'bool',
        x.values.map((v, i) => ref(v, y.values[i])),
        shape,
      );
    }
    const big = exact(be, 'int32', [16777217, -2147483647, 2147483000, 1]);
    const plus = exact(be, 'int32', [2, -1, 647, -1]);
    await check(
      be,
      'binary add int32 beyond 2^24',
      be.binary('add', big.view, plus.view, 'int32'),
      'int32',
      [16777219, -2147483648, 2147483647, 0],
      [4],
    );
    const base = exact(be, 'int32', [2, 3, -2, 10, 7]);
    const expo = exact(be, 'int32', [10, 3, 3, 4, 0]);
    await check(
      be,
      'binary pow int32 (exact powers)',
      be.binary('pow', base.view, expo.view, 'int32'),
      'int32',
      [1024, 27, -8, 10000, 1],
      [5],
    );
  });

  add('binary: mixed int32/float32 operands and bool operands', async () => {
    const rng = makeRng(301);
    const shape = [3, 5];
    const i = operand(be, 'int32', shape, 'transposed', integers(rng, -5, 5));
    const f = operand(be, 'float32', shape, 'padded', uniform(rng, -5, 5));
    await check(
      be,
      'binary add int32+float32→float32',
      be.binary('add', i.view, f.view, 'float32'),
      'float32',
      i.values.map((v, k) => v + f.values[k]),
      shape,
    );
    await check(
      be,
      'binary mul float32*int32→float32',
      be.binary('mul', f.view, i.view, 'float32'),
      'float32',
      f.values.map((v, k) => v * i.values[k]),
      shape,
    );
    await check(
      be,
      'binary lt int32<float32→bool',
      be.binary('lt', i.view, f.view, 'bool'),
      'bool',
      i.values.map((v, k) => +(v < f.values[k])),
      shape,
    );
    const p = operand(be, 'bool', shape, 'padded', integers(rng, 0, 1));
    const q = operand(be, 'bool', shape, 'transposed', integers(rng, 0, 1));
    await check(
      be,
      'binary add bool+bool→int32',
      be.binary('add', p.view, q.view, 'int32'),
      'int32',
      p.values.map((v, k) => v + q.values[k]),
      shape,
    );
    await check(
      be,
      'binary mul bool*bool→int32',
      be.binary('mul', p.view, q.view, 'int32'),
      'int32',
      p.values.map((v, k) => v * q.values[k]),
      shape,
    );
    await check(
      be,
      'binary maximum bool→bool (or)',
      be.binary('maximum', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => Math.max(v, q.values[k])),
      shape,
    );
    await check(
      be,
      'binary minimum bool→bool (and)',
      be.binary('minimum', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => Math.min(v, q.values[k])),
      shape,
    );
    await check(
      be,
      'binary eq bool→bool',
      be.binary('eq', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => +(v === q.values[k])),
      shape,
    );
    await check(
      be,
      'binary ne bool (broadcast) → bool',
      be.binary('ne', p.view, { ...q.view, strides: [0, q.view.strides[1]] }, 'bool'),
      'bool',
      p.values.map((v, k) => +(v !== q.values[k % shape[1]])),
      shape,
    );
  });

  add('binary: float64 keeps double precision', async () => {
    const a = exact(be, 'float64', [0.1, 1e300, 1 + 2 ** -52, 3]);
    const b = exact(be, 'float64', [0.2, 1e-300, -1, 0.1]);
    // Each of these results differs from its float32 rounding by far more than the float64 rtol.
    const ops: readonly [BinaryOp, (x: number, y: number) => number][] = [
      ['add', (x, y) => x + y],
      ['mul', (x, y) => x * y],
      ['div', (x, y) => x / y],
    ];
    for (const [op, ref] of ops) {
      const want = a.values.map((v, i) => ref(v, b.values[i]));
      await check(
        be,
        `binary ${op} float64 of [0.1, 1e300, 1+2^-52, 3] and [0.2, 1e-300, -1, 0.1]`,
        be.binary(op, a.view, b.view, 'float64'),
        'float64',
        want,
        [4],
      );
    }
  });

  // ---- reduce ----

  add('reduce sum: float32 over one and several dims of strided views', async () => {
    const rng = makeRng(400);
    const shape = [4, 5, 6];
    for (const layout of ['transposed', 'padded', 'offset'] as const) {
      const x = operand(be, 'float32', shape, layout, uniform(rng, -3, 3));
      for (const dims of [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
        const r = referenceReduce('sum', x.values, shape, dims, 'float32');
        await check(
          be,
          `reduce sum dims [${dims}] of a ${layout} view`,
          be.reduce('sum', x.view, dims, 'float32'),
          'float32',
          r.values,
          r.shape,
          r.slack,
        );
      }
    }
    const b = operand(be, 'float32', [5, 3], 'offset', uniform(rng, -3, 3), [0]);
    const rb = referenceReduce('sum', b.values, [5, 3], [0], 'float32');
    await check(
      be,
      'reduce sum over a broadcast (stride-0) dim',
      be.reduce('sum', b.view, [0], 'float32'),
      'float32',
      rb.values,
      rb.shape,
      rb.slack,
    );
  });

  add('reduce sum: long rows, empty dims and 0-d views', async () => {
    const rng = makeRng(401);
    const long = operand(be, 'float32', [2, 4099], 'padded', uniform(rng, -1, 1));
    const rl = referenceReduce('sum', long.values, [2, 4099], [1], 'float32');
    await check(
      be,
      'reduce sum of 4099-element rows',
      be.reduce('sum', long.view, [1], 'float32'),
      'float32',
      rl.values,
      rl.shape,
      rl.slack,
    );
    const tall = operand(be, 'float32', [1000, 3], 'transposed', uniform(rng, 0, 10));
    const rt = referenceReduce('sum', tall.values, [1000, 3], [0], 'float32');
    await check(
      be,
      'reduce sum of 1000-row columns',
      be.reduce('sum', tall.view, [0], 'float32'),
      'float32',
      rt.values,
      rt.shape,
      rt.slack,
    );
    const empty = operand(be, 'float32', [2, 0], 'contiguous', uniform(rng, 0, 1));
    await check(
      be,
      'reduce sum over an empty dim',
      be.reduce('sum', empty.view, [1], 'float32'),
      'float32',
      [0, 0],
      [2, 1],
    );
    const emptyRows = operand(be, 'float32', [0, 3], 'contiguous', uniform(rng, 0, 1));
    await check(
      be,
      'reduce sum of zero rows',
      be.reduce('sum', emptyRows.view, [0], 'float32'),
      'float32',
      [0, 0, 0],
      [1, 3],
    );
    const scalar: View<B> = {
      buffer: be.upload([1, 2, 3.5], 'float32'),
      dtype: 'float32',
      shape: [],
      strides: [],
      offset: 2,
    };
    await check(
      be,
      'reduce sum of a 0-d view over no dims',
      be.reduce('sum', scalar, [], 'float32'),
      'float32',
      [3.5],
      [],
    );
    const d = operand(be, 'float64', [3, 50], 'transposed', uniform(rng, -1, 1));
    const rd = referenceReduce('sum', d.values, [3, 50], [1], 'float64');
    await check(
      be,
      'reduce sum float64',
      be.reduce('sum', d.view, [1], 'float64'),
      'float64',
      rd.values,
      rd.shape,
      rd.slack,
    );
  });

  add('reduce sum: int32 is exact and bool counts into int32', async () => {
    const rng = makeRng(402);
    const shape = [3, 40, 2];
    const x = operand(be, 'int32', shape, 'transposed', integers(rng, -1000000, 1000000));
    for (const dims of [[1], [0, 1], [0, 1, 2]]) {
      const r = referenceReduce('sum', x.values, shape, dims, 'int32');
      await check(
        be,
        `reduce sum int32 dims [${dims}]`,
        be.reduce('sum', x.view, dims, 'int32'),
        'int32',
        r.values,
        r.shape,
      );
    }
    const big = exact(be, 'int32', [16777217, 1, 1, 2000000000, 100000000, 47483647], [2, 3]);
    await check(
      be,
      'reduce sum int32 beyond 2^24',
      be.reduce('sum', big.view, [1], 'int32'),
      'int32',
      [16777219, 2147483647],
      [2, 1],
    );
    const b = operand(be, 'bool', [4, 7], 'padded', integers(rng, 0, 1));
    const rb = referenceReduce('sum', b.values, [4, 7], [1], 'int32');
    await check(
      be,
      'reduce sum bool→int32 (count)',
      be.reduce('sum', b.view, [1], 'int32'),
      'int32',
      rb.values,
      rb.shape,
    );
  });

  add('reduce max/min: one and several dims of strided views, every dtype', async () => {
    const rng = makeRng(403);
    const shape = [4, 5, 6];
    for (const op of ['max', 'min'] as const) {
      for (const layout of ['transposed', 'padded'] as const) {
        const x = operand(be, 'float32', shape, layout, uniform(rng, -100, 100));
        for (const dims of [[0], [2], [0, 1], [0, 1, 2]]) {
          const r = referenceReduce(op, x.values, shape, dims, 'float32');
          await check(
            be,
            `reduce ${op} dims [${dims}] of a ${layout} view`,
            be.reduce(op, x.view, dims, 'float32'),
            'float32',
            r.values,
            r.shape,
          );
        }
      }
      const i = operand(be, 'int32', [6, 7], 'transposed', integers(rng, -2000000000, 2000000000));
      const ri = referenceReduce(op, i.values, [6, 7], [1], 'int32');
      await check(
        be,
        `reduce ${op} int32`,
        be.reduce(op, i.view, [1], 'int32'),
        'int32',
        ri.values,
        ri.shape,
      );
      const b = operand(be, 'bool', [5, 3], 'padded', () => (rng() < 0.8 ? 1 : 0));
      const rb = referenceReduce(op, b.values, [5, 3], [0], 'bool');
      await check(
        be,
        `reduce ${op} bool (${op === 'max' ? 'any' : 'all'})`,
        be.reduce(op, b.view, [0], 'bool'),
        'bool',
        rb.values,
        rb.shape,
      );
      const inf = exact(be, 'float32', [-Infinity, -Infinity, Infinity, Infinity], [2, 2]);
      await check(
        be,
        `reduce ${op} of infinities`,
        be.reduce(op, inf.view, [1], 'float32'),
        'float32',
        [-Infinity, Infinity],
        [2, 1],
      );
    }
  });

  add('reduce: NaN propagates through max/min and wins argmax/argmin', async () => {
    // Row 1 holds a NaN between finite values, with a larger and a smaller value after it.
    const data = [1, 5, 2, 0, 1, 5, NaN, 9, -9, 3, 3, 2, -1, 4];
    const x = exact(be, 'float32', data.slice(0, 12), [3, 4]);
    const shape = [3, 4];
    for (const op of ['max', 'min', 'argmax', 'argmin'] as const) {
      const dtype: DType = op.startsWith('arg') ? 'int32' : 'float32';
      for (const dims of [[0], [1]]) {
        const r = referenceReduce(op, x.values, shape, dims, dtype);
        await check(
          be,
          `reduce ${op} dim ${dims[0]} with a NaN`,
          be.reduce(op, x.view, dims, dtype),
          dtype,
          r.values,
          r.shape,
        );
      }
    }
    const all = referenceReduce('max', x.values, shape, [0, 1], 'float32');
    await check(
      be,
      'reduce max over all dims with a NaN',
      be.reduce('max', x.view, [0, 1], 'float32'),
      'float32',
      all.values,
      all.shape,
    );
  });

  add(
    'reduce argmax/argmin: int32 indices along each dim of strided views, first of ties',
    async () => {
      const rng = makeRng(404);
      const shape = [4, 5, 6];
      for (const op of ['argmax', 'argmin'] as const) {
        // Few distinct values, so most rows have ties and must report the first.
        const x = operand(be, 'float32', shape, 'transposed', integers(rng, 0, 3));
        const y = operand(be, 'float32', shape, 'padded', uniform(rng, -1, 1), [1]);
        for (const dim of [0, 1, 2]) {
          const r = referenceReduce(op, x.values, shape, [dim], 'int32');
          await check(
            be,
            `reduce ${op} dim ${dim} of a transposed view with ties`,
            be.reduce(op, x.view, [dim], 'int32'),
            'int32',
            r.values,
            r.shape,
          );
          const ry = referenceReduce(op, y.values, shape, [dim], 'int32');
          await check(
            be,
            `reduce ${op} dim ${dim} of a padded view broadcast over dim 1`,
            be.reduce(op, y.view, [dim], 'int32'),
            'int32',
            ry.values,
            ry.shape,
          );
        }
        const i = operand(be, 'int32', [5, 8], 'offset', integers(rng, -3, 3));
        const ri = referenceReduce(op, i.values, [5, 8], [1], 'int32');
        await check(
          be,
          `reduce ${op} of int32 input`,
          be.reduce(op, i.view, [1], 'int32'),
          'int32',
          ri.values,
          ri.shape,
        );
        const flat = operand(be, 'float32', [1000], 'padded', uniform(rng, -1, 1));
        const rf = referenceReduce(op, flat.values, [1000], [0], 'int32');
        await check(
          be,
          `reduce ${op} of 1000 elements`,
          be.reduce(op, flat.view, [0], 'int32'),
          'int32',
          rf.values,
          rf.shape,
        );
      }
    },
  );

  // ---- matmul ----

  /** Naive batched matmul with the rounding slack of each output's dot product. */
  const referenceMatmul = (
    a: readonly number[],
    b: readonly number[],
    batch: number,
    m: number,
    k: number,
    n: number,
    u: number,
  ): { values: number[]; slack: number[] } => {
    const values: number[] = [];
    const slack: number[] = [];
    for (let t = 0; t < batch; t++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          let magnitude = 0;
          for (let p = 0; p < k; p++) {
            const term = a[(t * m + i) * k + p] * b[(t * k + p) * n + j];
            s += term;
            magnitude += Math.abs(term);
          }
          values.push(s);
          slack.push(k * u * magnitude);
        }
      }
    }
    return { values, slack };
  };

  const matmulCase = (
    name: string,
    batch: readonly number[],
    [m, k, n]: readonly [number, number, number],
    layoutA: Layout,
    layoutB: Layout,
    dtype: DType,
    seed: number,
    broadcastBatchA = false,
  ): void => {
    add(`matmul: ${name}`, async () => {
      const rng = makeRng(seed);
      const gen = dtype === 'int32' ? integers(rng, -20, 20) : uniform(rng, -2, 2);
      const a = operand(
        be,
        dtype,
        [...batch, m, k],
        layoutA,
        gen,
        broadcastBatchA ? batch.map((_, d) => d) : [],
      );
      const b = operand(be, dtype, [...batch, k, n], layoutB, gen);
      const u =
        dtype === 'float64'
          ? conformanceTolerance.float64.unitRoundoff
          : conformanceTolerance.float32.unitRoundoff;
      const r = referenceMatmul(a.values, b.values, numelOf(batch), m, k, n, u);
      const label = `matmul ${show([...batch, m, k])}(${layoutA}) × ${show([...batch, k, n])}(${layoutB}) ${dtype}`;
      await check(
        be,
        label,
        be.matmul(a.view, b.view, dtype),
        dtype,
        r.values,
        [...batch, m, n],
        r.slack,
      );
    });
  };

  matmulCase('1×1×1', [], [1, 1, 1], 'contiguous', 'contiguous', 'float32', 500);
  matmulCase(
    '3×5×7 with both operands transposed',
    [],
    [3, 5, 7],
    'transposed',
    'transposed',
    'float32',
    501,
  );
  matmulCase('3×5×7 with offsets and gaps', [], [3, 5, 7], 'padded', 'offset', 'float32', 502);
  matmulCase(
    '2 batches of 17×33×65, A gapped, B transposed',
    [2],
    [17, 33, 65],
    'padded',
    'transposed',
    'float32',
    503,
  );
  matmulCase(
    '2 batches of 17×33×65, A transposed, B offset',
    [2],
    [17, 33, 65],
    'transposed',
    'offset',
    'float32',
    504,
  );
  matmulCase(
    'batch dims [2, 3] of 4×6×5, transposed',
    [2, 3],
    [4, 6, 5],
    'transposed',
    'padded',
    'float32',
    505,
  );
  matmulCase(
    'A broadcast over 3 batches (stride 0)',
    [3],
    [4, 6, 5],
    'offset',
    'transposed',
    'float32',
    506,
    true,
  );
  matmulCase(
    'long dot products 8×300×40 (k-dependent tolerance)',
    [],
    [8, 300, 40],
    'transposed',
    'contiguous',
    'float32',
    507,
  );
  matmulCase('matrix·vector 9×16×1', [], [9, 16, 1], 'padded', 'transposed', 'float32', 508);
  matmulCase('vector·matrix 1×16×9', [], [1, 16, 9], 'transposed', 'padded', 'float32', 509);
  matmulCase('int32 is exact', [2], [5, 7, 3], 'transposed', 'padded', 'int32', 510);
  matmulCase('float64', [], [6, 20, 5], 'transposed', 'padded', 'float64', 511);
  matmulCase('k = 0 gives zeros', [], [2, 0, 3], 'contiguous', 'contiguous', 'float32', 512);
  matmulCase(
    'm = 0 gives an empty result',
    [2],
    [0, 4, 3],
    'contiguous',
    'transposed',
    'float32',
    513,
  );

  // ---- where, gather, scatterAdd, cat ----

  add('where: broadcast bool condition over strided float32, int32 and bool operands', async () => {
    const rng = makeRng(600);
    const shape = [3, 4, 5];
    const cond = operand(be, 'bool', shape, 'padded', integers(rng, 0, 1), [2]);
    const pick = (a: readonly number[], b: readonly number[]) =>
      cond.values.map((c, i) => (c !== 0 ? a[i] : b[i]));
    const a = operand(be, 'float32', shape, 'transposed', uniform(rng, -5, 5));
    const b = operand(be, 'float32', shape, 'offset', uniform(rng, -5, 5), [0]);
    await check(
      be,
      'where float32',
      be.where(cond.view, a.view, b.view, 'float32'),
      'float32',
      pick(a.values, b.values),
      shape,
    );
    const nan = exact(be, 'float32', Array(60).fill(NaN), shape);
    await check(
      be,
      'where float32 with NaN on the false side',
      be.where(cond.view, a.view, nan.view, 'float32'),
      'float32',
      pick(a.values, nan.values),
      shape,
    );
    const i = operand(be, 'int32', shape, 'padded', integers(rng, -2000000000, 2000000000));
    const j = operand(be, 'int32', shape, 'transposed', integers(rng, -9, 9));
    await check(
      be,
      'where int32',
      be.where(cond.view, i.view, j.view, 'int32'),
      'int32',
      pick(i.values, j.values),
      shape,
    );
    const p = operand(be, 'bool', shape, 'transposed', integers(rng, 0, 1));
    const q = operand(be, 'bool', shape, 'offset', integers(rng, 0, 1));
    await check(
      be,
      'where bool',
      be.where(cond.view, p.view, q.view, 'bool'),
      'bool',
      pick(p.values, q.values),
      shape,
    );
  });

  /** The view's element at a multi-index. */
  const atIndex = (x: Operand<B>, idx: readonly number[]): number =>
    x.values[ravel(idx, x.view.shape)];

  add('gather: along each dim of a strided input with strided int32 indices', async () => {
    const rng = makeRng(700);
    const xShape = [4, 5, 6];
    for (const [dtype, gen] of [
      ['float32', uniform(rng, -9, 9)],
      ['int32', integers(rng, -2000000000, 2000000000)],
    ] as const) {
      const x = operand(be, dtype, xShape, 'transposed', gen);
      // Index shapes may be smaller than x off the gather dim and any size along it.
      const cases: readonly [number, number[], Layout][] = [
        [0, [3, 5, 2], 'padded'],
        [1, [4, 7, 6], 'transposed'],
        [2, [2, 3, 8], 'offset'],
      ];
      for (const [dim, iShape, layout] of cases) {
        const index = operand(be, 'int32', iShape, layout, integers(rng, 0, xShape[dim] - 1));
        const want = index.values.map((k, o) => {
          const idx = unravel(o, iShape);
          idx[dim] = k;
          return atIndex(x, idx);
        });
        await check(
          be,
          `gather ${dtype} dim ${dim} index ${show(iShape)} (${layout})`,
          be.gather(x.view, dim, index.view, dtype),
          dtype,
          want,
          iShape,
        );
      }
    }
  });

  add(
    'scatterAdd: repeated indices accumulate, strided base/index/src, base untouched',
    async () => {
      const rng = makeRng(800);
      const configs: readonly [DType, number, number[], number[]][] = [
        ['float32', 0, [4, 5], [6, 3]],
        ['float32', 1, [3, 4, 5], [2, 6, 3]],
        ['float32', 2, [3, 4, 5], [3, 2, 9]],
        ['int32', 0, [4, 5], [7, 5]],
      ];
      for (const [dtype, dim, bShape, iShape] of configs) {
        const gen = dtype === 'int32' ? integers(rng, -100000, 100000) : uniform(rng, -5, 5);
        const base = operand(be, dtype, bShape, 'padded', gen);
        const index = operand(be, 'int32', iShape, 'transposed', integers(rng, 0, bShape[dim] - 1));
        const src = operand(be, dtype, iShape, 'offset', gen);
        const want = base.values.slice();
        const magnitude = base.values.map(Math.abs);
        const count = want.map(() => 1);
        index.values.forEach((k, o) => {
          const idx = unravel(o, iShape);
          idx[dim] = k;
          const at = ravel(idx, bShape);
          want[at] += src.values[o];
          magnitude[at] += Math.abs(src.values[o]);
          count[at]++;
        });
        const u = conformanceTolerance.float32.unitRoundoff;
        const slack = dtype === 'int32' ? undefined : magnitude.map((s, i) => count[i] * u * s);
        const label = `scatterAdd ${dtype} dim ${dim} base ${show(bShape)} index ${show(iShape)}`;
        await check(
          be,
          label,
          be.scatterAdd(base.view, dim, index.view, src.view, dtype),
          dtype,
          want,
          bShape,
          slack,
        );
        await check(
          be,
          `${label}: base buffer after the kernel`,
          base.view.buffer,
          dtype,
          base.storage,
          [base.storage.length],
        );
      }
      // Every src element lands on the same row.
      const base = exact(be, 'float32', [1, 2, 3, 4, 5, 6], [2, 3]);
      const index = exact(be, 'int32', Array(12).fill(1), [4, 3]);
      const src = exact(be, 'float32', [1, 10, 100, 2, 20, 200, 3, 30, 300, 4, 40, 400], [4, 3]);
      await check(
        be,
        'scatterAdd into one row',
        be.scatterAdd(base.view, 0, index.view, src.view, 'float32'),
        'float32',
        [1, 2, 3, 14, 105, 1006],
        [2, 3],
      );
    },
  );

  add('cat: dims 0, 1 and 2 of strided and empty inputs, every dtype', async () => {
    const rng = makeRng(900);
    /** Reference concatenation through multi-indices. */
    const join = (
      xs: readonly Operand<B>[],
      dim: number,
    ): { values: number[]; shape: number[] } => {
      const shape = [...xs[0].view.shape];
      shape[dim] = xs.reduce((s, x) => s + x.view.shape[dim], 0);
      const values = Array.from({ length: numelOf(shape) }, (_, o) => {
        const idx = unravel(o, shape);
        let part = 0;
        while (idx[dim] >= xs[part].view.shape[dim]) idx[dim] -= xs[part++].view.shape[dim];
        return atIndex(xs[part], idx);
      });
      return { values, shape };
    };
    const configs: readonly [DType, number, [number[], Layout][]][] = [
      [
        'float32',
        0,
        [
          [[2, 4], 'transposed'],
          [[3, 4], 'padded'],
          [[0, 4], 'contiguous'],
          [[1, 4], 'offset'],
        ],
      ],
      [
        'float32',
        1,
        [
          [[3, 2], 'padded'],
          [[3, 5], 'transposed'],
          [[3, 1], 'offset'],
        ],
      ],
      [
        'float32',
        2,
        [
          [[2, 3, 4], 'transposed'],
          [[2, 3, 1], 'padded'],
        ],
      ],
      [
        'int32',
        1,
        [
          [[2, 3], 'transposed'],
          [[2, 4], 'padded'],
        ],
      ],
      [
        'bool',
        0,
        [
          [[2, 3], 'padded'],
          [[3, 3], 'transposed'],
        ],
      ],
      ['float32', 0, [[[3, 2], 'transposed']]],
    ];
    for (const [dtype, dim, parts] of configs) {
      const gen =
        dtype === 'float32'
          ? uniform(rng, -9, 9)
          : dtype === 'int32'
            ? integers(rng, -2000000000, 2000000000)
            : integers(rng, 0, 1);
      const xs = parts.map(([shape, layout]) => operand(be, dtype, shape, layout, gen));
      const r = join(xs, dim);
      const label = `cat ${dtype} dim ${dim} of ${parts.map(([s, l]) => `${show(s)}(${l})`).join(', ')}`;
      await check(
        be,
        label,
        be.cat(
          xs.map((x) => x.view),
          dim,
          dtype,
        ),
        dtype,
        r.values,
        r.shape,
      );
    }
    // A broadcast view among the inputs.
    const a = operand(be, 'float32', [3, 2], 'contiguous', uniform(rng, -9, 9));
    const b = operand(be, 'float32', [3, 4], 'padded', uniform(rng, -9, 9), [0]);
    const r = join([a, b], 1);
    await check(
      be,
      'cat float32 dim 1 with a row-broadcast input',
      be.cat([a.view, b.view], 1, 'float32'),
      'float32',
      r.values,
      r.shape,
    );
  });

  add('kernels leave their inputs untouched', async () => {
    const rng = makeRng(1000);
    const x = operand(be, 'float32', [3, 4], 'padded', uniform(rng, 0.5, 2));
    const y = operand(be, 'float32', [4, 3], 'transposed', uniform(rng, 0.5, 2));
    const outs = [
      be.copy(x.view, 'float32'),
      be.unary('neg', x.view, 'float32'),
      be.binary('sub', x.view, x.view, 'float32'),
      be.reduce('sum', x.view, [1], 'float32'),
      be.matmul(x.view, y.view, 'float32'),
    ];
    for (const out of outs) {
      if (Object.is(out, x.view.buffer) || Object.is(out, y.view.buffer)) {
        throw new Error(
          'kernels: a kernel returned one of its input buffers, expected a new buffer',
        );
      }
    }
    await check(
      be,
      'input buffer after copy/unary/binary/reduce/matmul',
      x.view.buffer,
      'float32',
      x.storage,
      [x.storage.length],
    );
    await check(be, 'input buffer after matmul', y.view.buffer, 'float32', y.storage, [
      y.storage.length,
    ]);
  });

  // ---- end to end through the Tensor API ----

  /** A float32 tensor on `backend` from seeded values, plus those values. */
  const randomTensor = (
    rng: Rng,
    shape: readonly number[],
    lo = -2,
    hi = 2,
  ): { t: Tensor; v: number[] } => {
    const v = Array.from({ length: numelOf(shape) }, () => Math.fround(lo + (hi - lo) * rng()));
    return { t: tensor(v, { backend: be as Backend }).reshape(...shape), v };
  };
  const checkTensor = async (
    label: string,
    t: Tensor,
    want: readonly number[],
    shape: readonly number[],
    dtype: DType,
    slack?: readonly number[],
  ): Promise<void> => {
    if (t.device !== be.name)
      throw new Error(`${label}: result is on device '${t.device}', expected '${be.name}'`);
    if (t.dtype !== dtype)
      throw new Error(`${label}: result has dtype ${t.dtype}, expected ${dtype}`);
    if (show(t.shape) !== show(shape))
      throw new Error(`${label}: result has shape ${show(t.shape)}, expected ${show(shape)}`);
    expectValues(label, await t.data(), want, dtype, shape, slack);
  };
  const u32 = conformanceTolerance.float32.unitRoundoff;

  add('tensor API: a.T.matmul(b).sum(0)', async () => {
    const rng = makeRng(2001);
    const a = randomTensor(rng, [4, 3]);
    const b = randomTensor(rng, [4, 5]);
    const want: number[] = [];
    const slack: number[] = [];
    for (let j = 0; j < 5; j++) {
      let s = 0;
      let magnitude = 0;
      for (let i = 0; i < 3; i++) {
        for (let p = 0; p < 4; p++) {
          const term = a.v[p * 3 + i] * b.v[p * 5 + j];
          s += term;
          magnitude += Math.abs(term);
        }
      }
      want.push(s);
      slack.push(12 * u32 * magnitude);
    }
    await checkTensor(
      'a.T.matmul(b).sum(0)',
      a.t.T.matmul(b.t).sum(0),
      want,
      [5],
      'float32',
      slack,
    );
  });

  add('tensor API: broadcasting add, then ops on a transposed result', async () => {
    const rng = makeRng(2002);
    const col = randomTensor(rng, [3, 1]);
    const row = randomTensor(rng, [4]);
    const w = randomTensor(rng, [4, 3]);
    const sum = col.t.add(row.t);
    const want = Array.from({ length: 12 }, (_, o) => col.v[Math.floor(o / 4)] + row.v[o % 4]);
    await checkTensor('col [3,1] + row [4]', sum, want, [3, 4], 'float32');
    const prod = sum.T.mul(w.t).sub(1);
    const wantProd = Array.from({ length: 12 }, (_, o) => {
      const [i, j] = [Math.floor(o / 3), o % 3];
      return (col.v[j] + row.v[i]) * w.v[o] - 1;
    });
    await checkTensor('(col + row).T * w - 1', prod, wantProd, [4, 3], 'float32');
  });

  add(
    'tensor API: softmax composed from amax, sub, exp, sum and div on a transposed input',
    async () => {
      const rng = makeRng(2005);
      const x = randomTensor(rng, [5, 3], -4, 4);
      const xt = x.t.T; // [3, 5], non-contiguous
      const e = xt.sub(xt.amax(1, true)).exp();
      const soft = e.div(e.sum(1, true));
      const want: number[] = [];
      for (let i = 0; i < 3; i++) {
        const row = Array.from({ length: 5 }, (_, j) => x.v[j * 3 + i]);
        const top = Math.max(...row);
        const ex = row.map((v) => Math.exp(v - top));
        const total = ex.reduce((s, v) => s + v, 0);
        for (const v of ex) want.push(v / total);
      }
      await checkTensor('softmax(x.T, dim 1)', soft, want, [3, 5], 'float32');
      await checkTensor('softmax rows sum to 1', soft.sum(1), [1, 1, 1], [3], 'float32', [
        5 * u32,
        5 * u32,
        5 * u32,
      ]);
    },
  );

  add(
    'tensor API: slice, select, narrow and permute views feed kernels the right elements',
    async () => {
      const rng = makeRng(2006);
      const x = randomTensor(rng, [4, 6]);
      const sliced = x.t.slice(1, 1, 6, 2).mul(2).add(1); // columns 1, 3, 5
      const want = Array.from(
        { length: 12 },
        (_, o) => x.v[Math.floor(o / 3) * 6 + 1 + 2 * (o % 3)] * 2 + 1,
      );
      await checkTensor('x.slice(1, 1, 6, 2) * 2 + 1', sliced, want, [4, 3], 'float32');
      await checkTensor(
        'x.select(0, 2).neg()',
        x.t.select(0, 2).neg(),
        x.v.slice(12, 18).map((v) => -v),
        [6],
        'float32',
      );
      const narrowed = x.t.narrow(0, 1, 2).narrow(1, 2, 3).abs();
      const wantNarrow = [8, 9, 10, 14, 15, 16].map((i) => Math.abs(x.v[i]));
      await checkTensor(
        'x.narrow(0, 1, 2).narrow(1, 2, 3).abs()',
        narrowed,
        wantNarrow,
        [2, 3],
        'float32',
      );
      const y = randomTensor(rng, [2, 3, 4]);
      const permuted = y.t.permute(2, 0, 1).contiguous();
      const wantPerm = Array.from({ length: 24 }, (_, o) => {
        const [k, i, j] = unravel(o, [4, 2, 3]);
        return y.v[(i * 3 + j) * 4 + k];
      });
      await checkTensor(
        'y.permute(2, 0, 1).contiguous()',
        permuted,
        wantPerm,
        [4, 2, 3],
        'float32',
      );
      const expanded = y.t.select(2, 1).unsqueeze(0).expand(2, 2, 3).add(0);
      const wantExp = Array.from({ length: 12 }, (_, o) => {
        const [, i, j] = unravel(o, [2, 2, 3]);
        return y.v[(i * 3 + j) * 4 + 1];
      });
      await checkTensor(
        'y.select(2, 1).unsqueeze(0).expand(2, 2, 3)',
        expanded,
        wantExp,
        [2, 2, 3],
        'float32',
      );
    },
  );

  add('tensor API: cat, where, comparisons and casts of views', async () => {
    const rng = makeRng(2003);
    const a = randomTensor(rng, [3, 2]);
    const b = randomTensor(rng, [4, 3]);
    const joined = cat([a.t.T, b.t.slice(0, 1, 4, 2)], 0); // [2,3] and rows 1, 3 of b
    const want = [
      ...Array.from({ length: 6 }, (_, o) => a.v[(o % 3) * 2 + Math.floor(o / 3)]),
      ...b.v.slice(3, 6),
      ...b.v.slice(9, 12),
    ];
    await checkTensor('cat([a.T, b[1::2]], 0)', joined, want, [4, 3], 'float32');
    const bt = b.t.T;
    const wantAbs = Array.from({ length: 12 }, (_, o) =>
      Math.abs(b.v[(o % 4) * 3 + Math.floor(o / 4)]),
    );
    await checkTensor(
      'where(b.T > 0, b.T, -b.T)',
      where(bt.gt(0), bt, bt.neg()),
      wantAbs,
      [3, 4],
      'float32',
    );
    const wantGt = Array.from(
      { length: 12 },
      (_, o) => +(b.v[(o % 4) * 3 + Math.floor(o / 4)] > 0),
    );
    await checkTensor('b.T > 0', bt.gt(0), wantGt, [3, 4], 'bool');
    const scaled = bt.mul(3).to('int32');
    const wantInt = Array.from({ length: 12 }, (_, o) =>
      Math.trunc(Math.fround(b.v[(o % 4) * 3 + Math.floor(o / 4)] * 3)),
    );
    await checkTensor('(b.T * 3).to(int32)', scaled, wantInt, [3, 4], 'int32');
  });

  add('tensor API: max(dim), gather, mean and var', async () => {
    const rng = makeRng(2004);
    const x = randomTensor(rng, [4, 5]);
    const xt = x.t.T; // [5, 4]
    const col = (j: number) => Array.from({ length: 5 }, (_, i) => x.v[j * 5 + i]);
    const { values, indices } = xt.max(0);
    const wantMax = [0, 1, 2, 3].map((j) => Math.max(...col(j)));
    await checkTensor('x.T.max(0).values', values, wantMax, [4], 'float32');
    await checkTensor(
      'x.T.max(0).indices',
      indices,
      wantMax.map((m, j) => col(j).indexOf(m)),
      [4],
      'int32',
    );
    const index = tensor(
      [
        [4, 0, 2, 2],
        [1, 1, 3, 0],
      ],
      { dtype: 'int32', backend: be as Backend },
    );
    const gathered = xt.gather(0, index);
    const wantGather = [4, 0, 2, 2, 1, 1, 3, 0].map((k, o) => x.v[(o % 4) * 5 + k]);
    await checkTensor('x.T.gather(0, index)', gathered, wantGather, [2, 4], 'float32');
    const cols = [0, 1, 2, 3].map(col);
    const absSum = (xs: readonly number[]) => xs.reduce((s, v) => s + Math.abs(v), 0);
    const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / 5);
    // A sum of 5 terms plus the scaling by 1/5.
    await checkTensor(
      'x.T.mean(0)',
      xt.mean(0),
      means,
      [4],
      'float32',
      cols.map((c) => (6 * u32 * absSum(c)) / 5),
    );
    const vars = cols.map((c, j) => c.reduce((s, v) => s + (v - means[j]) ** 2, 0) / 4);
    // Centering, squaring, a sum of 5 and a scaling: a few roundings of each (|v| + |mean|)^2.
    const varSlack = cols.map(
      (c, j) => (20 * u32 * c.reduce((s, v) => s + (Math.abs(v) + Math.abs(means[j])) ** 2, 0)) / 4,
    );
    await checkTensor('x.T.var(0)', xt.var(0), vars, [4], 'float32', varSlack);
  });

  return cases;
}
