import { correctlyRoundedLog } from './correctly-rounded-log';
import type { Generator } from './generator';
import { uniformFloat64 } from './uniform-float64';

/**
 * Fills `out` with Exp(`lambd`) samples the way PyTorch 1.13's CPU `Tensor.exponential_(lambd)`
 * draws them without MKL (the Debian/pip-without-MKL build): per value, one float64 uniform `u`
 * (two 32-bit draws, high word first, cut to 53 bits), then `(-1 / lambd) * log(1 - u)` in
 * double, rounded to float32 for a Float32Array. `multinomial` without replacement draws its
 * Gumbel-style keys through this.
 *
 * float32 outputs match PyTorch bit for bit. float64 outputs do too except in about 0.1% of
 * draws, where glibc's `log` is itself one ulp off the correctly rounded value computed here.
 *
 * @example
 * ```ts
 * const q = new Float32Array(3);
 * fillExponential(new Generator(0), q); // [3.5083, 1.2304, 0.6150], like torch after manual_seed(0)
 * ```
 */
export function fillExponential(
  generator: Generator,
  out: Float32Array | Float64Array,
  lambd = 1,
): void {
  if (typeof lambd !== 'number') {
    throw new TypeError(`exponential_: expected lambd to be a number, got ${typeof lambd}`);
  }
  if (!(lambd > 0)) {
    throw new RangeError(
      `exponential_: expects lambd > 0.0, but found lambd=${lambd}; the rate of Exp(lambd) must be positive`,
    );
  }
  const scale = -1 / lambd;
  for (let i = 0; i < out.length; i++) {
    // 1 - u is exact for every 53-bit u, so only the logarithm rounds.
    out[i] = scale * correctlyRoundedLog(1 - uniformFloat64(generator));
  }
}
