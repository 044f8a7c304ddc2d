import { boxMullerBlockFloat32, boxMullerBlockFloat64 } from './box-muller';
import { fma, fmaf } from './fma';
import { MT19937, type MT19937State } from './mt19937';
import { randintRange } from './randint-range';

/** PyTorch's default CPU seed (`default_rng_seed_val`), used by a generator nobody seeded. */
export const DEFAULT_SEED = 67280421310721;

const TWO_POW_32 = 2 ** 32;
const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;

/** A JSON-serialisable checkpoint of a {@link Generator}. */
export interface GeneratorState {
  /** The seed given to the last `manualSeed` (what `initialSeed()` returns). */
  seed: number;
  /** The Mersenne Twister's words and read position. */
  mt: MT19937State;
  /** The second Box-Muller sample the double-precision normal sampler kept for its next call. */
  nextDoubleNormal: number | null;
}

/**
 * A CPU random generator that reproduces PyTorch 1.13's `torch.Generator` (x86-64 with AVX2 or
 * AVX-512, the usual case) number for number: an mt19937 seeded from the low 32 bits of the seed,
 * and the same sampling algorithms as ATen's CPU kernels. Each sampler fills a caller's typed
 * array in order, as PyTorch fills a contiguous tensor.
 *
 * Bit-identical with PyTorch: uniform (float32 and float64), float32 normal, randint, randperm,
 * bernoulli. Float64 normal uses libm's log/sin/cos, where JavaScript's differ from glibc's in the
 * last bit for a few percent of values.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(0);
 * const x = new Float32Array(5);
 * g.fillUniform(x); // x[0] === 0.49625658988952637, like torch.rand(5) after torch.manual_seed(0)
 * ```
 */
export class Generator {
  private readonly mt = new MT19937();
  private seedValue = DEFAULT_SEED;
  private nextDoubleNormal: number | null = null;

  constructor(seed: number = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /**
   * Seeds the generator like `torch.Generator.manual_seed`: the twister gets the seed's low
   * 32 bits and the cached normal sample is dropped. Seeds are integers in [0, 2^53).
   */
  manualSeed(seed: number): this {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`manualSeed: seed must be a non-negative integer, got ${seed}`);
    }
    this.seedValue = seed;
    this.mt.seed(seed % TWO_POW_32);
    this.nextDoubleNormal = null;
    return this;
  }

  /** Reseeds from a non-deterministic source and returns the new seed (like `Generator.seed()`). */
  seed(): number {
    const seed = randomSeed();
    this.manualSeed(seed);
    return seed;
  }

  /** The seed last given to {@link Generator.manualSeed} (or the default one). */
  initialSeed(): number {
    return this.seedValue;
  }

  /** A copy of the full state; {@link Generator.setState} restores it bit for bit. */
  getState(): GeneratorState {
    return {
      seed: this.seedValue,
      mt: this.mt.getState(),
      nextDoubleNormal: this.nextDoubleNormal,
    };
  }

  /** Restores a state from {@link Generator.getState} (also after a JSON round trip). */
  setState(state: GeneratorState): this {
    const { seed, mt, nextDoubleNormal } = state;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`setState: seed must be a non-negative integer, got ${seed}`);
    }
    if (nextDoubleNormal !== null && typeof nextDoubleNormal !== 'number') {
      throw new Error(`setState: nextDoubleNormal must be a number or null`);
    }
    this.mt.setState(mt);
    this.seedValue = seed;
    this.nextDoubleNormal = nextDoubleNormal;
    return this;
  }

  /** The next raw 32-bit output (PyTorch's `generator->random()`). */
  nextUint32(): number {
    return this.mt.nextUint32();
  }

  /**
   * Fills `out` like `Tensor.uniform_(from, to)` / `torch.rand`. Float32 takes one 32-bit draw
   * per value, `(r & (2^24-1)) * 2^-24`; float64 takes two (high word first), 53 bits * 2^-53.
   * Scaling is the fused `x * (to - from) + from`, with the bounds first rounded to the dtype.
   */
  fillUniform(out: Float32Array | Float64Array, from = 0, to = 1): void {
    if (!(from <= to)) {
      throw new Error(`fillUniform: expects from <= to, got from=${from}, to=${to}`);
    }
    if (out instanceof Float32Array) {
      const lo = Math.fround(from);
      const width = Math.fround(Math.fround(to) - lo);
      for (let i = 0; i < out.length; i++) out[i] = fmaf(this.uniformFloat32(), width, lo);
    } else {
      const width = to - from;
      for (let i = 0; i < out.length; i++) out[i] = fma(this.uniformFloat64(), width, from);
    }
  }

  /**
   * Fills `out` like `Tensor.normal_(mean, std)` / `torch.randn`. As in PyTorch, arrays of 16 or
   * more values are first filled with uniforms and then turned into normals by Box-Muller in
   * blocks of 16 (float32 with PyTorch's AVX2 polynomial log/sin/cos); when the length is not a
   * multiple of 16 the last 16 values are redrawn and transformed again. Shorter arrays draw
   * one value at a time from the double-precision sampler, which caches every second sample.
   */
  fillNormal(out: Float32Array | Float64Array, mean = 0, std = 1): void {
    if (!(std >= 0)) throw new Error(`fillNormal: expects std >= 0, got ${std}`);
    const n = out.length;
    if (n < 16) {
      for (let i = 0; i < n; i++) out[i] = this.normalFloat64(mean, std);
      return;
    }
    if (out instanceof Float32Array) {
      const m = Math.fround(mean);
      const s = Math.fround(std);
      for (let i = 0; i < n; i++) out[i] = this.uniformFloat32();
      for (let i = 0; i + 16 <= n; i += 16) boxMullerBlockFloat32(out, i, m, s);
      if (n % 16 !== 0) {
        for (let i = n - 16; i < n; i++) out[i] = this.uniformFloat32();
        boxMullerBlockFloat32(out, n - 16, m, s);
      }
    } else {
      for (let i = 0; i < n; i++) out[i] = this.uniformFloat64();
      for (let i = 0; i + 16 <= n; i += 16) boxMullerBlockFloat64(out, i, mean, std);
      if (n % 16 !== 0) {
        for (let i = n - 16; i < n; i++) out[i] = this.uniformFloat64();
        boxMullerBlockFloat64(out, n - 16, mean, std);
      }
    }
  }

  /**
   * Fills `out` like `torch.randint(low, high)`: `r % range + low`, with one 32-bit draw `r`
   * per value (two, high word first, when a float array's range reaches 2^32). Float outputs
   * use PyTorch's rounding of the bounds (see `randintRange` in `src/random/randint-range.ts`).
   */
  fillRandint(out: Int32Array | Float32Array | Float64Array, low: number, high: number): void {
    const target =
      out instanceof Int32Array ? 'int32' : out instanceof Float32Array ? 'float32' : 'float64';
    const { low: base, range } = randintRange(low, high, target);
    if (target === 'int32' || range < TWO_POW_32) {
      for (let i = 0; i < out.length; i++) out[i] = (this.mt.nextUint32() % range) + base;
      return;
    }
    // A 64-bit draw modulo a range above 2^32 needs more than a double's 53 bits.
    const bigRange = BigInt(range);
    for (let i = 0; i < out.length; i++) {
      const hi = BigInt(this.mt.nextUint32());
      const lo = BigInt(this.mt.nextUint32());
      out[i] = Number(((hi << 32n) | lo) % bigRange) + base;
    }
  }

  /**
   * A random permutation of 0..n-1 like `torch.randperm(n)` on the CPU: a forward
   * Fisher-Yates shuffle where step i swaps i with i + (r % (n - i)), one 32-bit draw each.
   */
  randperm(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 31 - 1) {
      throw new Error(`randperm: n must be an integer in [0, 2^31 - 1], got ${n}`);
    }
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const j = i + (this.mt.nextUint32() % (n - i));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    return perm;
  }

  /**
   * Fills `out` with 1 (probability `p`) or 0 like `Tensor.bernoulli_(p)`, which is also the
   * mask `F.dropout(x, q)` draws with p = 1 - q. PyTorch without MKL compares one float64
   * uniform (two 32-bit draws) per value: `u < p`.
   */
  fillBernoulli(out: Float32Array | Float64Array | Int32Array | Uint8Array, p: number): void {
    if (!(p >= 0 && p <= 1)) throw new Error(`fillBernoulli: expects 0 <= p <= 1, got ${p}`);
    for (let i = 0; i < out.length; i++) out[i] = this.uniformFloat64() < p ? 1 : 0;
  }

  /** One float32 uniform in [0, 1) from one 32-bit draw (24 random bits). */
  private uniformFloat32(): number {
    return (this.mt.nextUint32() & 0xffffff) * TWO_POW_M24;
  }

  /** One float64 uniform in [0, 1) from a 64-bit draw (high word first) cut to 53 bits. */
  private uniformFloat64(): number {
    const hi = this.mt.nextUint32() & 0x1fffff;
    const lo = this.mt.nextUint32();
    return (hi * TWO_POW_32 + lo) * TWO_POW_M53;
  }

  /**
   * ATen's `normal_distribution<double>`: Box-Muller on two uniforms u1 (angle) and u2
   * (radius, through log(1 - u2)); the sine half is cached for the next call.
   */
  private normalFloat64(mean: number, std: number): number {
    const cached = this.nextDoubleNormal;
    if (cached !== null) {
      this.nextDoubleNormal = null;
      return fma(cached, std, mean);
    }
    const u1 = this.uniformFloat64();
    const u2 = this.uniformFloat64();
    const radius = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.nextDoubleNormal = radius * Math.sin(theta);
    return fma(radius * Math.cos(theta), std, mean);
  }
}

/** A fresh seed in [0, 2^53) from crypto when the host has it, else from Math.random. */
function randomSeed(): number {
  const words = new Uint32Array(2);
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => void } })
    .crypto;
  if (webCrypto?.getRandomValues) {
    webCrypto.getRandomValues(words);
  } else {
    words[0] = Math.floor(Math.random() * TWO_POW_32);
    words[1] = Math.floor(Math.random() * TWO_POW_32);
  }
  return (words[0]! & 0x1fffff) * TWO_POW_32 + words[1]!;
}
