import type { Generator } from './generator';

const TWO_POW_32 = 2 ** 32;
const TWO_POW_M53 = 2 ** -53;

/**
 * One float64 uniform in [0, 1) drawn as ATen's `uniform_real_distribution<double>(0, 1)`: a
 * 64-bit draw (two 32-bit outputs, high word first) cut to its low 53 bits, times 2^-53. The
 * samplers that take a double uniform per value (exponential, multinomial with replacement,
 * bernoulli) all start here.
 *
 * @example
 * ```ts
 * uniformFloat64(new Generator(0)); // torch.manual_seed(0); torch.rand(1, dtype=torch.float64)
 * ```
 */
export function uniformFloat64(generator: Generator): number {
  const hi = generator.nextUint32() & 0x1fffff;
  const lo = generator.nextUint32();
  return (hi * TWO_POW_32 + lo) * TWO_POW_M53;
}
